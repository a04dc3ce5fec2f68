// `dsr serve`: the JSON API on the embedded database, loading the bundled data on first start.
import type { Command } from "commander";
import { buildServer } from "../../api/server.js";
import { UsageError } from "../../domain/errors.js";
import type { CommandContext } from "../context.js";

export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command("serve")
    .description("serve the HTTP API (docs at /api/docs, OpenAPI at /api/openapi.json)")
    .option("--port <port>", "port to listen on (0 picks a free one; default $PORT or 3000)")
    .option("--host <host>", "address to bind (default $HOST or 127.0.0.1)")
    .option("--json", "print the address as JSON once listening")
    .action(async (opts: { port?: string; host?: string; json?: boolean }) => {
      const port = opts.port === undefined ? ctx.config.PORT : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected 0-65535, got "${opts.port}"`);
      const host = opts.host ?? ctx.config.HOST;
      const app = await ctx.open("if-changed");
      const server = buildServer(app, { config: ctx.config });
      let address: string;
      try {
        address = await server.listen({ port, host });
      } catch (err) {
        await app.close();
        throw new UsageError(`cannot listen on ${host}:${port}: ${(err as Error).message}`, { cause: err });
      }
      if (opts.json) ctx.io.stdout(JSON.stringify({ url: address, database: app.store.file }) + "\n");
      ctx.io.stderr(`dsr: serving ${app.store.file} at ${address} (try ${address}/api/projects)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
      await app.close();
    });
}
