// The filters of the current URL, and a setter that writes them back (a new history entry, so Back
// undoes a filter).
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { type Filters, filtersToParams, parseFilters } from "./filters";

export function useFilters(): [Filters, (next: Filters, extra?: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const set = useCallback(
    (next: Filters, extra: Record<string, string | null> = {}) => {
      const out = filtersToParams(next, params);
      // A new filter shows the first page again.
      out.delete("page");
      for (const [k, v] of Object.entries(extra)) {
        if (v === null) out.delete(k);
        else out.set(k, v);
      }
      setParams(out);
    },
    [params, setParams],
  );
  return [filters, set];
}
