// `dsr extract FILE...`: reads plain text or HTML and prints the deals each document states — one
// JSON line per deal with --json (the deal contract), else a readable summary per document.
import type { Command } from "commander";
import { dealJson } from "../../extract/contract.js";
import type { ExtractedDeal } from "../../extract/deal.js";
import { extractDeals } from "../../extract/extract-deals.js";
import { documentDateOf } from "../../extract/types.js";
import { type ReadResult, readDocument, readDocumentFile } from "../../ingest/read-document.js";
import type { CommandContext } from "../context.js";
import { formatAmount } from "../format.js";

/** Thrown to set the exit status after every input was tried. */
export class SomeInputsFailed extends Error {
  constructor(
    readonly failed: number,
    readonly total: number,
  ) {
    super(`${failed} of ${total} inputs could not be read`);
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}


function summaryLine(d: ExtractedDeal): string {
  const who = [...d.vendors, ...d.financiers.map((f) => `${f} (financier)`)].join(", ");
  const where = [d.country, d.subdivision, d.city].filter(Boolean).join(", ");
  const what = [d.category, d.mechanism, formatAmount(d.amount ? { ...d.amount, year: d.year, usd: null } : null), d.year, ...Object.entries(d.quantity).map(([k, v]) => `${v} ${k}`)]
    .filter((x) => x !== null && x !== "")
    .join(" · ");
  const quote = d.evidence.text.replace(/\s+/g, " ");
  return `  ${who} → ${d.buyer ?? "?"} (${where}) ${what}\n    “${quote.length > 160 ? `${quote.slice(0, 159)}…` : quote}” @${d.evidence.start}`;
}

export function registerExtract(program: Command, ctx: CommandContext): void {
  program
    .command("extract")
    .description("read plain text or HTML files (or - for stdin) and print the deals they state")
    .argument("<files...>", "files to read; - reads standard input")
    .option("--json", "one JSON line per deal, following the deal contract (shared/contracts/deal.schema.json)")
    .action(async (files: string[], opts: { json?: boolean }) => {
      let failed = 0;
      for (const file of files) {
        const read: ReadResult = file === "-" ? readDocument(await readStdin(), "stdin") : await readDocumentFile(file);
        if (!read.ok) {
          failed++;
          ctx.io.stderr(`dsr: ${read.error}\n`);
          continue;
        }
        const doc = read.doc;
        if (!doc.text.trim()) {
          ctx.io.stderr(`dsr: ${file}: no text to read\n`);
          continue;
        }
        const deals = extractDeals(doc.text, { documentDate: documentDateOf(doc.published) });
        if (opts.json) {
          if (deals.length) ctx.io.stdout(deals.map((d) => JSON.stringify(dealJson(d, file))).join("\n") + "\n");
        } else {
          const date = doc.published ? `, ${doc.published}` : "";
          ctx.io.stdout(`${file} (${doc.readAs}${date}): ${deals.length} deal${deals.length === 1 ? "" : "s"}\n`);
          for (const d of deals) ctx.io.stdout(summaryLine(d) + "\n");
        }
      }
      if (failed) throw new SomeInputsFailed(failed, files.length);
    });
}
