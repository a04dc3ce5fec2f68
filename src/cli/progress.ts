// Progress of a batch on the terminal: one redrawn bar on a TTY, a plain line now and then when
// the output is a pipe or a log file. Writes to stderr only, so stdout stays data.
import type { IngestProgress } from "../services/ingest.service.js";

const BAR = 24;
/** On a pipe, at most one line per this many milliseconds (and one at the end). */
const PLAIN_EVERY_MS = 5000;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function describe(p: IngestProgress): string {
  return `${p.done.toLocaleString("en-US")}/${p.total.toLocaleString("en-US")} files · ${mb(p.bytes)} · ${p.deals.toLocaleString("en-US")} deals · ${p.failed} error${p.failed === 1 ? "" : "s"}`;
}

/** What a bar needs: how far along (in any unit) out of how much. */
export interface Progress {
  done: number;
  total: number;
}

export interface ProgressView<P extends Progress = IngestProgress> {
  update(p: P): void;
  /** Prints a message (an error line) without breaking the bar. */
  message(text: string): void;
  done(): void;
}

export function progressView<P extends Progress = IngestProgress>(
  write: (text: string) => void,
  tty: boolean,
  now: () => number = Date.now,
  describeProgress: (p: P) => string = describe as unknown as (p: P) => string,
): ProgressView<P> {
  let last: P | null = null;
  let lastPlain = now();
  let drawn = false;
  const clear = () => {
    if (drawn) write("\r\x1b[2K");
    drawn = false;
  };
  const draw = () => {
    if (!last) return;
    const filled = last.total ? Math.round((last.done / last.total) * BAR) : BAR;
    write(`\r\x1b[2K[${"#".repeat(filled)}${".".repeat(BAR - filled)}] ${describeProgress(last)}`);
    drawn = true;
  };
  return {
    update(p) {
      last = p;
      if (tty) draw();
      else if (now() - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = now();
        write(`dsr: ${describeProgress(p)}\n`);
      }
    },
    message(text) {
      clear();
      write(text);
      if (tty) draw();
    },
    done() {
      clear();
      if (last && last.total > 0 && !tty) write(`dsr: ${describeProgress(last)}\n`);
    },
  };
}
