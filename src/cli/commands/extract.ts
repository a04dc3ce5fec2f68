// `dsr extract FILE|FOLDER...`: reads text, HTML, PDF and DOCX documents and prints the deals each
// states — one JSON line per deal with --json (the deal contract), else a readable summary per document.
import type { Command } from "commander";
import { dealJson } from "../../extract/contract.js";
import type { ExtractedDeal } from "../../extract/deal.js";
import { extractDeals } from "../../extract/extract-deals.js";
import { documentDateOf } from "../../extract/types.js";
import { type ReadOptions, type ReadResult, readDocument, readDocumentFile } from "../../ingest/read-document.js";
import { type InputEntry, walkInputs } from "../../ingest/walk-inputs.js";
import type { CommandContext } from "../context.js";
import { formatAmount } from "../format.js";
import { SomeInputsFailed } from "../some-inputs-failed.js";


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

/** Standard input ("-") as itself; files as themselves; folders as the documents under them. */
async function* inputsOf(args: string[]): AsyncGenerator<InputEntry> {
  for (const arg of args) {
    if (arg === "-") yield { path: "-" };
    else yield* walkInputs([arg]);
  }
}

export function registerExtract(program: Command, ctx: CommandContext): void {
  program
    .command("extract")
    .description("read text, HTML, PDF or DOCX files, folders of them, or - for stdin, and print the deals they state")
    .argument("<files...>", "files or folders to read (folders: recursively, hidden files skipped); - reads standard input")
    .option("--json", "one JSON line per deal, following the deal contract (shared/contracts/deal.schema.json)")
    .option("--no-ocr", "do not OCR scanned PDF pages (tesseract is used when installed)")
    .action(async (files: string[], opts: { json?: boolean; ocr: boolean }) => {
      const readOptions: ReadOptions = { maxBytes: ctx.config.DSR_MAX_FILE_MB * 1024 * 1024, ocr: opts.ocr ? "auto" : "off" };
      let failed = 0;
      let total = 0;
      for await (const input of inputsOf(files)) {
        total++;
        const file = input.path;
        const read: ReadResult =
          "error" in input
            ? { ok: false, error: input.error }
            : file === "-"
              ? await readDocument(await readStdin(), "stdin", readOptions)
              : await readDocumentFile(file, readOptions);
        if (!read.ok) {
          failed++;
          ctx.io.stderr(`dsr: ${read.error}\n`);
          continue;
        }
        const doc = read.doc;
        for (const warning of doc.warnings) ctx.io.stderr(`dsr: warning: ${warning}\n`);
        if (!doc.text.trim()) {
          ctx.io.stderr(`dsr: ${file}: no text to read\n`);
          continue;
        }
        const deals = extractDeals(doc.text, { documentDate: documentDateOf(doc.published) });
        if (opts.json) {
          if (deals.length) ctx.io.stdout(deals.map((d) => JSON.stringify(dealJson(d, file))).join("\n") + "\n");
        } else {
          const how = [doc.readAs, doc.ocr ? "OCR" : null, doc.published].filter(Boolean).join(", ");
          ctx.io.stdout(`${file} (${how}): ${deals.length} deal${deals.length === 1 ? "" : "s"}\n`);
          for (const d of deals) ctx.io.stdout(summaryLine(d) + "\n");
        }
      }
      if (failed) throw new SomeInputsFailed(failed, total);
    });
}
