// What every command gets: where to write, the environment, and a way to open the app.
import { type OpenAppOptions, type OpenedApp, openApp } from "../app.js";
import type { Config } from "../config.js";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (tables may use its width). */
  isTty: boolean;
  /** True when stderr is a terminal (progress bars redraw in place). */
  stderrIsTty?: boolean;
}

export interface CommandContext {
  io: Io;
  config: Config;
  open(load: OpenAppOptions["load"]): Promise<OpenedApp>;
}

export function commandContext(io: Io, config: Config): CommandContext {
  return {
    io,
    config,
    open: (load) => openApp({ database: config.database, dataDir: config.DSR_DATA_DIR, load }),
  };
}

/** Opens the app, runs `fn`, and always closes it. */
export async function withApp<T>(ctx: CommandContext, load: OpenAppOptions["load"], fn: (app: OpenedApp) => Promise<T>): Promise<T> {
  const app = await ctx.open(load);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
