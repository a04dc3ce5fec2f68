// Small horizontal bars for a grouped count (an organization's countries, a country's vendors), as
// a list a screen reader reads like a table; each bar can link to the filtered table.
import { Link } from "react-router";
import type { Group } from "../lib/api-types";

export function MiniBars({ groups, label, name, href }: { groups: readonly Group[]; label: string; name: (g: Group) => string; href?: (g: Group) => string | null }) {
  const max = Math.max(1, ...groups.map((g) => g.projects));
  return (
    <ul className="mini-bars" aria-label={label}>
      {groups.slice(0, 12).map((g) => {
        const to = href?.(g);
        const text = name(g);
        return (
          <li key={g.key ?? "none"}>
            <span className="mini-label">{to ? <Link to={to}>{text}</Link> : text}</span>
            <span className="mini-track" aria-hidden="true">
              <span className="mini-bar" style={{ width: `${(100 * g.projects) / max}%` }} />
            </span>
            <span className="mini-value">{g.projects}</span>
          </li>
        );
      })}
    </ul>
  );
}
