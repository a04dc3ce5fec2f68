// JSON export: `{ exchangeRates, generatedAt, items: [ProjectDetail…], total, license }`, written
// item by item; `total` and `license` come last, since a stream only knows them at its end.
import type { Writable } from "node:stream";
import type { ProjectDetail } from "../domain/project.js";
import { type ExportContext, type ExportSource, licenseStatement, pump } from "./source.js";

/**
 * The document as chunks: the head, one chunk per project, the tail.
 * @example for await (const chunk of jsonChunks(ctx, details)) sink.write(chunk)
 */
export async function* jsonChunks(context: ExportContext, items: AsyncIterable<ProjectDetail>): AsyncGenerator<string> {
  yield `{"exchangeRates":${JSON.stringify(context.exchangeRates)},"generatedAt":${JSON.stringify(context.generatedAt)},"items":[`;
  const licenses = new Set<string>();
  let n = 0;
  for await (const item of items) {
    yield `${n === 0 ? "\n" : ",\n"}${JSON.stringify(item)}`;
    licenses.add(item.license);
    n++;
  }
  yield `\n],"total":${n},"license":${JSON.stringify(licenseStatement(licenses))}}\n`;
}

/** Streams the JSON document to the sink and ends it. */
export async function writeJson(source: ExportSource, sink: Writable): Promise<void> {
  await pump(jsonChunks(source.context, source.details()), sink);
}
