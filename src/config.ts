// The environment, parsed once with a schema at the composition root.
import { z } from "zod";
import { UsageError } from "./domain/errors.js";

const Env = z.object({
  DSR_DB: z.string().min(1).default("./observatory.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DSR_DATA_DIR: z.string().min(1).optional(),
});
export type Config = z.infer<typeof Env>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse({
    DSR_DB: env.DSR_DB || undefined,
    PORT: env.PORT || undefined,
    HOST: env.HOST || undefined,
    DSR_DATA_DIR: env.DSR_DATA_DIR || undefined,
  });
  if (!parsed.success) throw new UsageError(`bad environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
