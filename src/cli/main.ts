// The `dsr` command: parses arguments, runs one command, maps errors to exit codes in one place
// (0 ok, 1 usage or fatal error, 2 some inputs failed).
import { Command, CommanderError } from "commander";
import { readConfig } from "../config.js";
import { DsrError } from "../domain/errors.js";
import { type CommandContext, type Io, commandContext } from "./context.js";
import { SomeInputsFailed } from "./some-inputs-failed.js";

type Register = (program: Command, ctx: CommandContext) => void;

/**
 * Each command's module, loaded only when that command runs (all of them for the help): `dsr import`
 * then loads neither the web server nor the PDF reader nor the spreadsheet writer, which halves
 * its start-up time and memory.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  init: async () => (await import("./commands/init.js")).registerInit,
  projects: async () => (await import("./commands/projects.js")).registerProjects,
  show: async () => (await import("./commands/show.js")).registerShow,
  export: async () => (await import("./commands/export.js")).registerExport,
  serve: async () => (await import("./commands/serve.js")).registerServe,
  extract: async () => (await import("./commands/extract.js")).registerExtract,
  ingest: async () => (await import("./commands/ingest.js")).registerIngest,
  import: async () => (await import("./commands/import.js")).registerImport,
  review: async () => (await import("./commands/review.js")).registerReview,
  reextract: async () => (await import("./commands/reextract.js")).registerReextract,
  token: async () => (await import("./commands/token.js")).registerToken,
  assess: async () => (await import("./commands/assess.js")).registerAssess,
  backup: async () => (await import("./commands/backup.js")).registerBackup,
  restore: async () => (await import("./commands/backup.js")).registerBackup,
  watch: async () => (await import("./commands/watch.js")).registerWatch,
  search: async () => (await import("./commands/search.js")).registerSearch,
  alerts: async () => (await import("./commands/search.js")).registerSearch,
  "migrate-db": async () => (await import("./commands/migrate-db.js")).registerMigrateDb,
  worker: async () => (await import("./commands/worker.js")).registerWorker,
  jobs: async () => (await import("./commands/jobs.js")).registerJobs,
};

/** The registrations a command line needs: its command's, or every one (help, version, a typo). */
async function registrations(argv: readonly string[]): Promise<Register[]> {
  const name = argv.find((a) => !a.startsWith("-"));
  const loaders = name !== undefined && Object.hasOwn(COMMANDS, name) ? [COMMANDS[name] as () => Promise<Register>] : Object.values(COMMANDS);
  return [...new Set(await Promise.all(loaders.map((load) => load())))];
}

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
    for (const register of await registrations(argv)) register(program, ctx);
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
