// One labelled input of the watch forms: its hint and its error tied to it for screen readers
// (aria-describedby), and marked invalid when there is an error.
import type { InputHTMLAttributes, Ref } from "react";

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange"> {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | null | undefined;
  inputRef?: Ref<HTMLInputElement> | undefined;
}

export function Field({ id, label, value, onValue, hint, error, inputRef, className, ...rest }: FieldProps) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`watch-field${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} ref={inputRef} value={value} onChange={(e) => onValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
      {hint ? (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="watch-field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Focuses the first field of `order` that has an error (after a refused submit). */
export function focusFirst(order: readonly string[], errors: Partial<Record<string, unknown>>, prefix: string): void {
  const first = order.find((f) => errors[f]);
  if (first) document.getElementById(`${prefix}-${first}`)?.focus();
}
