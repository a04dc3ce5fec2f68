// Observable Plot inside React: draws at the container's width, and turns the marks classed
// "pickable" into buttons (click, Enter or Space) that report the datum's index.
import { useEffect, useRef, useState } from "react";

export interface PlotChartProps {
  /** Makes the chart for a width in pixels. */
  build: (width: number) => SVGSVGElement | HTMLElement;
  /** Called with the index (into the mark's data) of a picked bar or cell. */
  onPick?: (index: number) => void;
  /** Accessible name of each pickable datum. */
  describe?: (index: number) => string;
  label: string;
}

/** Plot binds each rect to its datum's index (d3's `__data__`). */
type Bound = Element & { __data__?: unknown };

function pickedIndex(target: EventTarget | null, root: HTMLElement): number | null {
  let el = target as Bound | null;
  while (el && el !== root) {
    if (el.parentElement?.classList.contains("pickable") && typeof el.__data__ === "number") return el.__data__;
    el = el.parentElement;
  }
  return null;
}

export function PlotChart({ build, onPick, describe, label }: PlotChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 0);
      // Redraw only on real changes: a scrollbar appearing must not loop.
      setWidth((old) => (Math.abs(old - w) > 8 ? w : old));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || width < 50) return;
    const chart = build(width);
    el.replaceChildren(chart);
    if (onPick) {
      for (const mark of el.querySelectorAll(".pickable > *")) {
        const i = (mark as Bound).__data__;
        if (typeof i !== "number") continue;
        mark.setAttribute("tabindex", "0");
        mark.setAttribute("role", "button");
        if (describe) mark.setAttribute("aria-label", describe(i));
      }
    }
  }, [build, width, onPick, describe]);

  return (
    <div
      ref={ref}
      className={onPick ? "plot interactive" : "plot"}
      role="group"
      aria-label={label}
      onClick={(e) => {
        const i = onPick && ref.current ? pickedIndex(e.target, ref.current) : null;
        if (i !== null) onPick?.(i);
      }}
      onKeyDown={(e) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        const i = onPick && ref.current ? pickedIndex(e.target, ref.current) : null;
        if (i !== null) {
          e.preventDefault();
          onPick?.(i);
        }
      }}
    />
  );
}
