// The `dsr` command: parses arguments, runs one command, maps errors to exit codes in one place
// (0 ok, 1 usage or fatal error, 2 some inputs failed).
import { Command, CommanderError } from "commander";
import { readConfig } from "../config.js";
import { DsrError } from "../domain/errors.js";
import { registerAssess } from "./commands/assess.js";
import { registerBackup } from "./commands/backup.js";
import { registerExport } from "./commands/export.js";
import { SomeInputsFailed, registerExtract } from "./commands/extract.js";
import { registerImport } from "./commands/import.js";
import { registerIngest } from "./commands/ingest.js";
import { registerInit } from "./commands/init.js";
import { registerProjects } from "./commands/projects.js";
import { registerReextract } from "./commands/reextract.js";
import { registerReview } from "./commands/review.js";
import { registerSearch } from "./commands/search.js";
import { registerServe } from "./commands/serve.js";
import { registerShow } from "./commands/show.js";
import { registerToken } from "./commands/token.js";
import { registerWatch } from "./commands/watch.js";
import { type Io, commandContext } from "./context.js";

export const EXIT_OK = 0;
export const EXIT_FATAL = 1;
export const EXIT_PARTIAL = 2;

export async function runCli(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = new Command("dsr")
    .description("Digital Silk Road Observatory: evidence-backed records of foreign digital infrastructure in Latin America and the Caribbean")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError("(run dsr --help for usage)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    const ctx = commandContext(io, readConfig(env));
    for (const register of [registerInit, registerProjects, registerShow, registerExport, registerServe, registerExtract, registerIngest, registerImport, registerReview, registerReextract, registerToken, registerAssess, registerBackup, registerWatch, registerSearch]) register(program, ctx);
    await program.parseAsync([...argv], { from: "user" });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof SomeInputsFailed) {
      io.stderr(`dsr: ${err.message}\n`);
      // Some inputs failed and the rest went through: 2. None went through: a fatal 1.
      return err.failed < err.total ? EXIT_PARTIAL : EXIT_FATAL;
    }
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT_OK : EXIT_FATAL;
    }
    if (err instanceof DsrError) {
      io.stderr(`dsr: ${err.message}\n`);
      return EXIT_FATAL;
    }
    io.stderr(`dsr: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_FATAL;
  }
}

export function processIo(): Io {
  // A reader that stops early (`dsr projects | head`) closes the pipe: that is no error of ours.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    isTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
}
