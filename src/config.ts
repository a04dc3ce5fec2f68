// The environment, parsed once with a schema at the composition root.
import { z } from "zod";
import { UsageError } from "./domain/errors.js";
import { isPostgresUrl, sqliteFileOf } from "./store/database-url.js";

/** An origin exactly as browsers send it in the Origin header (no path, no trailing slash). */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}

const Env = z.object({
  DSR_DB: z.string().min(1).default("./observatory.db"),
  /** postgres://… selects PostgreSQL; sqlite:PATH is the SQLite form. Wins over DSR_DB. */
  DATABASE_URL: z.string().min(1).optional(),
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
  /** Whether the API answers reads without a token (writes always need one). */
  DSR_PUBLIC_READ: z.stringbool().default(true),
  /** The server keeps every project's facets in memory (store/project-index.store.ts); false: SQL only. */
  DSR_PROJECT_INDEX: z.stringbool().default(true),
  /** Requests per minute from one IP address without a token. */
  DSR_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  /** Requests per minute with one token (or a session made from it). */
  DSR_RATE_LIMIT_TOKEN: z.coerce.number().int().positive().default(3000),
  /** Request bodies and uploaded files larger than this are refused with 413. */
  DSR_UPLOAD_MAX_MB: z.coerce.number().positive().default(25),
  /** Origins (scheme://host[:port]) other sites may call the API from; empty keeps CORS off. */
  DSR_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isOrigin, { error: (i) => `"${String(i.input)}" is not an origin like https://example.org` }))),
  /** Marks the session cookie Secure and turns on HSTS: set to true when served over TLS. */
  DSR_SECURE_COOKIES: z.stringbool().default(false),
  /** The User-Agent of watched-source fetches; say who you are and how to reach you. */
  DSR_WATCH_USER_AGENT: z.string().min(1).optional(),
  /** Milliseconds between two requests to one host when watching sources. */
  DSR_WATCH_DELAY_MS: z.coerce.number().int().min(0).default(2000),
  /** The SMTP server alerts are mailed through, e.g. smtp://user:pass@mail.example:587 (empty: no e-mail). */
  DSR_SMTP_URL: z.string().url().optional(),
  /** The From address of alert e-mails. */
  DSR_ALERT_FROM: z.string().min(3).default("dsr-observatory@localhost"),
  /** Where the web app is reached, for links in alerts (e-mail, webhooks, Atom); default http://HOST:PORT. */
  DSR_PUBLIC_URL: z.string().url().optional(),
  /** Job queue (PostgreSQL): tries after the first before a job is dead-lettered. */
  DSR_JOB_RETRIES: z.coerce.number().int().min(0).max(100).default(3),
  /** Seconds before a failed job's first retry; doubled each time after. */
  DSR_JOB_RETRY_DELAY_S: z.coerce.number().int().min(0).default(30),
  /** Seconds a job may run before it is taken to have lost its worker and handed to another. */
  DSR_JOB_EXPIRE_S: z.coerce.number().int().min(1).default(900),
});
export type Config = z.infer<typeof Env> & {
  /** The database commands open: DATABASE_URL's PostgreSQL URL, else the SQLite file path. */
  database: string;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, so `DSR_DB= dsr …` falls back to the default.
  const given = Object.fromEntries(Object.keys(Env.shape).map((key) => [key, env[key] || undefined]));
  const parsed = Env.safeParse(given);
  if (!parsed.success) throw new UsageError(`bad environment: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  const url = c.DATABASE_URL;
  if (url === undefined) return { ...c, database: c.DSR_DB };
  if (isPostgresUrl(url)) return { ...c, database: url };
  if (/^sqlite:./i.test(url)) {
    const file = sqliteFileOf(url);
    return { ...c, DSR_DB: file, database: file };
  }
  throw new UsageError(`bad environment: DATABASE_URL must be postgres://… or sqlite:PATH, got "${url.replace(/:[^:@/]*@/, ":***@")}"`);
}
