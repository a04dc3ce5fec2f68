// The processes the API benchmark (scripts/bench-api.ts) starts and watches: the real server and
// a bare Fastify one, each a child that prints {"url": …} once listening on 127.0.0.1, and the
// CPU time each side uses, read from /proc, so a busy machine shows in the figures.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";

/** How long a child may take to print its address (opening a big database included). */
const START_TIMEOUT_MS = 60_000;

export interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  pid: number;
  stderr: () => string;
}

const children = new Set<ChildProcess>();

/** Starts a child that prints `{"url": …}` as its first stdout line; rejects on exit or timeout. */
export function startServer(name: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString("utf8")).slice(-8_000);
  });
  const stderr = () => err.trim();
  return new Promise<Server>((resolvePromise, reject) => {
    let out = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      stopServer(child);
      reject(new Error(`${name}: ${why}${err ? `\n${stderr()}` : ""}`));
    };
    const timer = setTimeout(() => fail(`printed no address within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.once("error", (e) => fail(e.message));
    child.once("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before printing its address`));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      child.once("exit", () => children.delete(child));
      child.stdout?.removeAllListeners("data");
      child.stdout?.resume();
      let url: unknown;
      try {
        url = (JSON.parse(out.slice(0, nl)) as { url?: unknown }).url;
      } catch {
        url = undefined;
      }
      const parsed = typeof url === "string" ? new URL(url) : null;
      // Only servers on the loopback address this script started are ever loaded.
      if (!parsed || parsed.hostname !== "127.0.0.1" || child.pid === undefined) {
        fail(`expected {"url": "http://127.0.0.1:…"} on its first line, got ${out.slice(0, nl)}`);
        return;
      }
      resolvePromise({ name, child, url: parsed.origin, pid: child.pid, stderr });
    });
  });
}

/** Stops every server still running (on Ctrl-C); `kill` SIGKILLs them at once (on exit). */
export function stopAllServers(): Promise<void> {
  return Promise.all([...children].map(stopServer)).then(() => undefined);
}
export function killAllServers(): void {
  for (const child of children) child.kill("SIGKILL");
}

/** SIGTERM (servers close and, under --cpu-prof, write their profile), SIGKILL after 10 s. */
export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((done) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(killer);
      done();
    });
    child.kill("SIGTERM");
  });
}

/**
 * A bare Fastify app: /hello is what this machine serves when a handler does nothing; /page sends
 * fixed bytes (the list route's answer, read from BENCH_PAGE_FILE), the ceiling for that size.
 */
export const HELLO_SERVER = `
const app = require("fastify")({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
const page = process.env.BENCH_PAGE_FILE ? require("node:fs").readFileSync(process.env.BENCH_PAGE_FILE) : Buffer.from("{}");
app.get("/page", (request, reply) => { reply.type("application/json; charset=utf-8").send(page); });
app.listen({ port: 0, host: "127.0.0.1" }).then((url) => process.stdout.write(JSON.stringify({ url }) + "\\n"));
for (const s of ["SIGINT", "SIGTERM"]) process.once(s, () => app.close().then(() => process.exit(0)));
`;

// CPU accounting (Linux /proc; elsewhere the columns stay empty).

export interface CpuSample {
  at: number;
  total: number;
  busy: number;
  server: number;
  self: number;
}

export function procTicks(pid: number): number {
  // Fields after the command name: state is 3rd, utime 14th and stime 15th of the whole line.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

export function cpuSample(serverPid: number): CpuSample | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const [, ...nums] = line.trim().split(/\s+/);
    const v = nums.map(Number);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { at: performance.now(), total, busy: total - idle, server: procTicks(serverPid), self: procTicks(process.pid) };
  } catch {
    return null;
  }
}

/** Cores used between two samples by the server, this process (the load generator) and the rest. */
export function cpuBetween(a: CpuSample | null, b: CpuSample | null): { server: number; loadgen: number; other: number } | null {
  if (!a || !b || b.total <= a.total) return null;
  const ncpu = cpus().length;
  const cores = (ticks: number) => (ticks / (b.total - a.total)) * ncpu;
  const server = cores(b.server - a.server);
  const loadgen = cores(b.self - a.self);
  return { server, loadgen, other: Math.max(0, cores(b.busy - a.busy) - server - loadgen) };
}
