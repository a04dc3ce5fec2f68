// Counts the bytes of a stream as they go by, for progress bars. Its own module so that readers
// which need only this (the OCDS worker) do not load the spreadsheet libraries.
import { Transform } from "node:stream";

/** A pass-through that counts the bytes going by (attaching a 'data' listener instead would start the flow before the reader is piped). */
export function byteCounter(progress: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      progress.bytes += chunk.length;
      done(null, chunk);
    },
  });
}
