// The environment, parsed once with a schema at the composition root.
import { z } from "zod";
import { UsageError } from "./domain/errors.js";

const Env = z.object({
  DSR_DB: z.string().min(1).default("./observatory.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DSR_DATA_DIR: z.string().min(1).optional(),
  /** Hosts the URL guard lets through although they resolve to loopback or private addresses (tests, intranets). */
  DSR_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** Inputs larger than this are refused before they are read. */
  DSR_MAX_FILE_MB: z.coerce.number().positive().default(50),
  /** Test hook: `dsr ingest` tells a parent process (over IPC) of each committed document. */
  DSR_REPORT_COMMITS: z.stringbool().default(false),
});
export type Config = z.infer<typeof Env>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse({
    DSR_DB: env.DSR_DB || undefined,
    PORT: env.PORT || undefined,
    HOST: env.HOST || undefined,
    DSR_DATA_DIR: env.DSR_DATA_DIR || undefined,
    DSR_ALLOW_HOSTS: env.DSR_ALLOW_HOSTS || undefined,
    DSR_MAX_FILE_MB: env.DSR_MAX_FILE_MB || undefined,
    DSR_REPORT_COMMITS: env.DSR_REPORT_COMMITS || undefined,
  });
  if (!parsed.success) throw new UsageError(`bad environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
