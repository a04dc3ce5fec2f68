// The report as one self-contained HTML page: no scripts, no external requests, styles inline
// with a print stylesheet (chromium prints it to PDF), the risk map an inline SVG. Every value that
// comes from data or answers goes through `esc`, so a hostile answer cannot inject markup.
import type { CountryLaw, JurisdictionView } from "./laws.js";
import type { Report } from "./report.js";
import type { Point, RiskResult } from "./scoring.js";

/** Escapes text for HTML element content and double-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const ZONE_FILL = { low: "#e3f1e4", medium: "#fcefd2", high: "#f6d4cf" } as const;
const ZONE_WORD = { low: "low", medium: "medium", high: "high" } as const;

/** A link only for http(s) URLs; anything else is shown as text. */
function link(url: string | null | undefined, text?: string): string {
  if (!url) return esc(text ?? "");
  return /^https?:\/\//i.test(url) ? `<a href="${esc(url)}">${esc(text ?? url)}</a>` : esc(text ?? url);
}

/**
 * One 4×4 risk map (CNIL style: severity across, likelihood up) with each risk's number in its cell.
 * @example riskMapSvg(report.risks, "initial", "Initial risk")
 */
export function riskMapSvg(risks: readonly (RiskResult & { number: number })[], which: "initial" | "residual", title: string): string {
  const cell = 66;
  const left = 46;
  const top = 30;
  const size = cell * 4;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${left + size + 12}" height="${top + size + 44}" viewBox="0 0 ${left + size + 12} ${top + size + 44}" font-family="Helvetica, Arial, sans-serif">`);
  parts.push(`<text x="${left + size / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  for (let l = 1; l <= 4; l++) {
    for (let s = 1; s <= 4; s++) {
      const zone = l >= 3 && s >= 3 ? "high" : l >= 3 || s >= 3 ? "medium" : "low";
      parts.push(`<rect x="${left + (s - 1) * cell}" y="${top + (4 - l) * cell}" width="${cell}" height="${cell}" fill="${ZONE_FILL[zone]}" stroke="#999" stroke-width="1"/>`);
    }
    parts.push(`<text x="${left - 8}" y="${top + (4 - l) * cell + cell / 2 + 4}" text-anchor="end" font-size="12">${l}</text>`);
    parts.push(`<text x="${left + (l - 1) * cell + cell / 2}" y="${top + size + 16}" text-anchor="middle" font-size="12">${l}</text>`);
  }
  parts.push(`<text x="${left + size / 2}" y="${top + size + 36}" text-anchor="middle" font-size="12">Severity →</text>`);
  parts.push(`<text x="14" y="${top + size / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${top + size / 2})">Likelihood →</text>`);
  const byCell = new Map<string, number[]>();
  for (const r of risks) {
    const p: Point = r[which];
    const key = `${p.likelihood}:${p.severity}`;
    byCell.set(key, [...(byCell.get(key) ?? []), r.number]);
  }
  for (const [key, numbers] of byCell) {
    const [l, s] = key.split(":").map(Number) as [number, number];
    // Up to three markers a row, three rows (nine risks fit in one cell), centred in the cell.
    const cols = Math.min(numbers.length, 3);
    const rows = Math.ceil(numbers.length / 3);
    numbers.forEach((n, i) => {
      const cx = left + (s - 1) * cell + cell / 2 + ((i % 3) - (cols - 1) / 2) * 20;
      const cy = top + (4 - l) * cell + cell / 2 + (Math.floor(i / 3) - (rows - 1) / 2) * 20;
      parts.push(`<circle cx="${cx}" cy="${cy}" r="9" fill="#1f3b57"/><text x="${cx}" y="${cy + 4}" text-anchor="middle" font-size="11" fill="#fff" font-weight="bold">${n}</text>`);
    });
  }
  parts.push("</svg>");
  return parts.join("");
}

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: Helvetica, Arial, sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 960px; padding: 24px; line-height: 1.4; font-size: 14px; }
  h1 { font-size: 24px; margin: 0 0 4px; }
  h2 { font-size: 18px; border-bottom: 2px solid #1f3b57; padding-bottom: 3px; margin-top: 28px; }
  h3 { font-size: 15px; margin: 16px 0 6px; }
  .meta { color: #555; font-size: 12px; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0; }
  th, td { border: 1px solid #ccc; padding: 5px 7px; text-align: left; vertical-align: top; }
  th { background: #eef2f6; font-weight: 600; }
  .facts th { width: 28%; }
  .zone { display: inline-block; padding: 1px 6px; border-radius: 3px; font-size: 12px; white-space: nowrap; }
  .zone-low { background: ${ZONE_FILL.low}; } .zone-medium { background: ${ZONE_FILL.medium}; } .zone-high { background: ${ZONE_FILL.high}; }
  .maps { display: flex; gap: 24px; flex-wrap: wrap; }
  .unanswered { color: #9a3412; font-style: italic; }
  .source { color: #555; font-size: 12px; }
  .nolaw { background: #fff4e5; border-left: 4px solid #c2410c; padding: 8px 12px; }
  .note { background: #f3f4f6; padding: 8px 12px; font-size: 13px; }
  ul { margin: 4px 0; padding-left: 20px; }
  ol.sources li { margin-bottom: 4px; }
  .legend { font-size: 12px; color: #444; }
  @media print {
    @page { size: A4; margin: 16mm 14mm; }
    body { max-width: none; padding: 0; font-size: 11px; }
    h2 { break-after: avoid; }
    tr, .maps, .nolaw, .note { break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
    a[href]::after { content: " <" attr(href) ">"; font-size: 9px; color: #555; word-break: break-all; }
  }
`;

function point(p: Point): string {
  return `L${p.likelihood} × S${p.severity} <span class="zone zone-${p.zone}">${ZONE_WORD[p.zone]}</span>`;
}

function risksTable(report: Report): string {
  const rows = report.risks.map((r) => {
    const why = r.raisedBy.length ? `<ul>${r.raisedBy.map((x) => `<li>${esc(x.why)}${x.likelihood ? ` (likelihood ${x.likelihood > 0 ? "+" : ""}${x.likelihood})` : ""}${x.severity ? ` (severity ${x.severity > 0 ? "+" : ""}${x.severity})` : ""}</li>`).join("")}</ul>` : "<em>no answer raises it above its base</em>";
    const measures = `<ul>${r.measures.map((m) => `<li>${esc(m.label)}: <strong>${esc(m.state.replace("_", " "))}</strong></li>`).join("")}</ul>`;
    return `<tr><td>${r.number}</td><td><strong>${esc(r.title)}</strong><br><span class="source">${esc(r.description)}</span></td><td>${point(r.initial)}</td><td>${point(r.residual)}</td><td>${why}</td><td>${measures}</td></tr>`;
  });
  return `<table><thead><tr><th>#</th><th>Risk</th><th>Initial</th><th>Residual (after planned measures)</th><th>Why</th><th>Measures</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function lawSection(law: CountryLaw | null, country: string): string {
  if (!law) return `<p class="nolaw">${esc(country)} is not among the 33 Latin American and Caribbean countries the law knowledge base covers.</p>`;
  const parts: string[] = [];
  if (law.generalLaw) {
    const status = { in_force: "in force", partly_in_force: "partly in force", enacted_not_in_force: "enacted, not yet in force" }[law.generalLaw.status];
    parts.push(`<tr><th>General data-protection law</th><td>${esc(law.generalLaw.title)} (${law.generalLaw.year}), ${esc(status)}${law.generalLaw.note ? `<br><span class="source">${esc(law.generalLaw.note)}</span>` : ""}</td></tr>`);
  } else {
    parts.push(`<tr><th>General data-protection law</th><td><strong>No general data-protection law.</strong></td></tr>`);
  }
  const authority = law.authority
    ? `${link(law.authority.url, law.authority.name)}${law.authority.independent === false ? " (part of the government)" : law.authority.independent ? " (independent)" : ""}${law.authority.operational === false ? " — not operational" : ""}${law.authority.note ? `<br><span class="source">${esc(law.authority.note)}</span>` : ""}`
    : "<strong>No data-protection authority.</strong>";
  parts.push(`<tr><th>Authority</th><td>${authority}</td></tr>`);
  parts.push(`<tr><th>Impact assessment required</th><td><strong>${esc(law.dpia.required.replace("_", " "))}</strong> — ${esc(law.dpia.when)}${law.dpia.reference ? ` <span class="source">(${esc(law.dpia.reference)})</span>` : ""}</td></tr>`);
  parts.push(`<tr><th>Biometric data</th><td>${esc(law.biometrics.rule)}</td></tr>`);
  parts.push(`<tr><th>Transfers abroad</th><td>${esc(law.transfers.rule)}</td></tr>`);
  if (law.publicSecurity) parts.push(`<tr><th>Public security</th><td>${esc(law.publicSecurity)}</td></tr>`);
  if (law.otherInstruments.length) parts.push(`<tr><th>Other instruments</th><td><ul>${law.otherInstruments.map((i) => `<li>${esc(i.title)}${i.year ? ` (${i.year})` : ""}${i.note ? ` — ${esc(i.note)}` : ""}</li>`).join("")}</ul></td></tr>`);
  parts.push(`<tr><th>Confidence of this entry</th><td>${esc(law.confidence)}${law.note ? ` — ${esc(law.note)}` : ""}</td></tr>`);
  parts.push(`<tr><th>Sources</th><td><ul>${law.sources.map((s) => `<li>${link(s.url, s.title)} <span class="source">(${esc(s.kind)})</span></li>`).join("")}</ul></td></tr>`);
  const banner = law.generalLaw ? "" : `<p class="nolaw"><strong>${esc(law.name)} has no general data-protection law.</strong> The protections below are constitutional or sectoral only.</p>`;
  return `${banner}<table class="facts"><tbody>${parts.join("")}</tbody></table>`;
}

function vendorSection(vendor: JurisdictionView | null): string {
  if (!vendor) return `<p class="unanswered">The vendor's home country is not answered; the exposure to compelled access could not be rated.</p>`;
  if (!vendor.laws.length) return `<p>${esc(vendor.country)}: ${esc(vendor.note ?? "not in the knowledge base")} — exposure <span class="zone zone-medium">unknown</span>.</p>`;
  const laws = vendor.laws
    .map(
      (l) =>
        `<tr><td><strong>${esc(l.title)}</strong><br><span class="source">${esc(l.provisions)}</span></td><td>${esc(l.summary)}</td><td>compels: ${l.compelsDisclosure ? "yes" : "no"}<br>reaches data abroad: ${esc(l.reachesDataAbroad)}<br>independent prior authorisation: ${esc(l.independentPriorAuthorization)}<br>secrecy: ${l.secrecy ? "yes" : "no"}</td><td><span class="zone zone-${l.exposure === "high" ? "high" : l.exposure === "medium" ? "medium" : "low"}">${esc(l.exposure)}</span><br><span class="source">${esc(l.why)}</span></td><td>${link(l.source.url, l.source.title)}</td></tr>`,
    )
    .join("");
  return `<p>${esc(vendor.name ?? vendor.country)}: exposure <strong>${esc(vendor.exposure)}</strong> (the worst of its laws; confidence ${esc(vendor.confidence ?? "—")}). Every jurisdiction is rated by the same rules: whether a law compels disclosure, reaches data held abroad, needs independent prior authorisation, and imposes secrecy.${vendor.note ? ` ${esc(vendor.note)}` : ""}</p><table><thead><tr><th>Law</th><th>What it does</th><th>Attributes</th><th>Exposure</th><th>Source</th></tr></thead><tbody>${laws}</tbody></table>`;
}

/**
 * Renders the report as a self-contained HTML page.
 * @example renderReportHtml(buildReport(input)).startsWith("<!doctype html>") // true
 */
export function renderReportHtml(report: Report): string {
  const s = report.system;
  const facts: [string, string][] = [
    ["System", esc(s.title)],
    ["Country", `${esc(s.countryName ?? s.country)} (${esc(s.country)})`],
    ["Project", s.projectId ? esc(s.projectId) : "<em>a proposed system, not in the database</em>"],
    ["Category", esc(s.category ?? "—")],
    ["Vendors", esc(s.vendors.join(", ") || "—")],
    ["Buyer", esc(s.buyer ?? "—")],
    ["Year", esc(s.year ?? "—")],
    ["Amount (USD)", s.amountUsd === null ? "—" : esc(Math.round(s.amountUsd).toLocaleString("en-US"))],
    ["Mechanism / procurement route", `${esc(s.mechanism ?? "—")} / ${esc(s.procurementRoute ?? "—")}`],
    ["Answers", `${report.answered} answered, <span class="${report.unanswered ? "unanswered" : ""}">${report.unanswered} unanswered</span>`],
  ];
  const versionNote =
    report.questionnaire.answeredAgainst !== report.questionnaire.version
      ? `<p class="note">Answered against questionnaire ${esc(report.questionnaire.answeredAgainst)}, scored with ${esc(report.questionnaire.version)}.</p>`
      : "";
  const answers = report.sections
    .map(
      (sec) =>
        `<h3>${esc(sec.title)}</h3><table><tbody>${sec.answers
          .map(
            (a) =>
              `<tr><td style="width:45%">${esc(a.text)}<br><span class="source">${esc(a.id)}</span></td><td>${a.unanswered ? `<span class="unanswered">${a.answer === null ? "Unanswered" : `${esc(a.answer)} (counts as unanswered)`}</span>` : esc(a.answer)}${a.source ? `<br><span class="source">prefilled from ${esc(a.source)}</span>` : ""}</td></tr>`,
          )
          .join("")}</tbody></table>`,
    )
    .join("");
  const comparable = report.comparable.length
    ? `<table><thead><tr><th>Project</th><th>Country</th><th>Year</th><th>Vendors</th><th>Status</th></tr></thead><tbody>${report.comparable
        .map((c) => `<tr><td>${esc(c.title)}<br><span class="source">${esc(c.id)}</span></td><td>${esc(c.country ?? "—")}</td><td>${esc(c.year ?? "—")}</td><td>${esc(c.vendors.join(", "))}</td><td>${esc(c.status ?? "—")}</td></tr>`)
        .join("")}</tbody></table>`
    : "<p>No deployment of the same category in another country is in the database.</p>";
  const sources = report.sources.length
    ? `<ol class="sources">${report.sources.map((c) => `<li>${esc(c.citation)}${c.url && !c.citation.includes(c.url) ? ` ${link(c.url)}` : ""}</li>`).join("")}</ol>`
    : "<p>This assessment is not tied to a project; it has no project sources.</p>";
  const legal = report.legal.length ? `<ul>${report.legal.map((f) => `<li>${esc(f.text)}</li>`).join("")}</ul>` : "<p>No specific legal point was raised by the answers.</p>";

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.title)} — impact assessment</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="meta">Digital Silk Road Observatory · Privacy, security and transparency impact assessment</p>
<h1>${esc(report.title)}</h1>
<p class="meta">Assessment ${esc(report.id)} · status ${esc(report.status)} · generated ${esc(report.generatedAt)} · questionnaire ${esc(report.questionnaire.version)}</p>
</header>
${versionNote}
<h2>1. The system</h2>
<table class="facts"><tbody>${facts.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join("")}</tbody></table>

<h2>2. Risk map</h2>
<div class="maps">${riskMapSvg(report.risks, "initial", "Initial risk")}${riskMapSvg(report.risks, "residual", "Residual risk (after planned measures)")}</div>
<p class="legend">${report.risks.map((r) => `${r.number} ${esc(r.title)}`).join(" · ")}. Likelihood and severity on the CNIL scales: ${esc(report.scales.severity.join(", "))}. Zones: high when both are 3 or more (must be reduced), medium when one is.</p>

<h2>3. Risks</h2>
${risksTable(report)}

<h2>4. Law of ${esc(s.countryName ?? s.country)}</h2>
${lawSection(report.law, s.country)}
<h3>Legal points raised by the answers</h3>
${legal}

<h2>5. Vendor jurisdiction</h2>
${vendorSection(report.vendor)}

<h2>6. Comparable deployments</h2>
<p>Projects of the same category in other countries, from the observatory's database, as context.</p>
${comparable}

<h2>7. Answers</h2>
${answers}

<h2>8. Sources and licences</h2>
<h3>Sources of the project</h3>
${sources}
<h3>Licences and attribution</h3>
<ul>${report.licenses.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>
<p class="note">Method: ${esc(report.questionnaire.method)} Law knowledge base as of ${esc(report.knowledgeBase.lawsAsOf)}; vendor-jurisdiction base as of ${esc(report.knowledgeBase.jurisdictionsAsOf)}. This report is a structured aid for procurement officials, data-protection authorities and watchdogs, not legal advice; check each legal reference against its source. Generated ${esc(report.generatedAt)}.</p>
</body>
</html>
`;
}
