// Politeness towards the sites we watch: one request at a time per host, a pause between two
// requests to the same host (robots.txt's Crawl-delay when it asks for more, up to a cap), and
// robots.txt read once per host per fetcher and obeyed. The fetch itself is injected (the address
// guard's fetchDocument in production), so every request, robots.txt included, goes through it.
import { type FetchResult, httpStatusOf } from "../ingest/fetch-url.js";
import { type RobotsRules, robotsDecision, robotsRules } from "./robots.js";

export type FetchFn = (url: string, headers: Record<string, string>) => Promise<FetchResult>;

export interface PoliteOptions {
  fetch: FetchFn;
  /** Pause between two requests to one host. */
  delayMs: number;
  /** The longest Crawl-delay honoured; a site asking for more gets this. */
  maxCrawlDelayMs?: number;
  /** Whether to read robots.txt (always, outside tests of other things). */
  robots?: boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export type PoliteResult = FetchResult | { ok: false; error: string; disallowed: true };

interface HostState {
  tail: Promise<unknown>;
  lastAt: number;
  rules: RobotsRules | null;
}

/** A robots.txt that answered with an HTTP error has a status (4xx: no rules); one that did not answer has none. */
function robotsFailure(error: string): { status: number; body: string } | { error: string } {
  const status = httpStatusOf(error);
  return status === null ? { error } : { status, body: "" };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * @example const polite = new PoliteFetcher({ fetch: (u, h) => fetchDocument(u, { allowHosts: [], headers: h }), delayMs: 1000 });
 *          await polite.get("https://example.org/feed.xml", { "if-none-match": etag })
 */
export class PoliteFetcher {
  private readonly hosts = new Map<string, HostState>();
  /** Requests made, robots.txt included. */
  requests = 0;

  constructor(private readonly options: PoliteOptions) {}

  /** Fetches `url` when its host's turn comes, if robots.txt allows it. Never throws. */
  get(url: string, headers: Record<string, string> = {}): Promise<PoliteResult> {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return Promise.resolve({ ok: false, error: `${url}: refused: not a valid URL` });
    }
    const state = this.hosts.get(origin) ?? { tail: Promise.resolve(), lastAt: -Infinity, rules: null };
    this.hosts.set(origin, state);
    const run = state.tail.then(() => this.fetchInTurn(origin, state, url, headers));
    state.tail = run.catch(() => undefined);
    return run;
  }

  private async fetchInTurn(origin: string, state: HostState, url: string, headers: Record<string, string>): Promise<PoliteResult> {
    if (this.options.robots !== false && state.rules === null) {
      const robotsUrl = `${origin}/robots.txt`;
      const answer = await this.request(state, robotsUrl, {});
      state.rules = robotsRules(
        robotsUrl,
        answer.ok ? { status: answer.status ?? 200, body: new TextDecoder().decode(answer.bytes) } : robotsFailure(answer.error),
      );
    }
    if (state.rules !== null) {
      const decision = robotsDecision(state.rules, url);
      if (!decision.allowed) return { ok: false, error: `${url}: ${decision.reason}`, disallowed: true };
    }
    return this.request(state, url, headers);
  }

  private async request(state: HostState, url: string, headers: Record<string, string>): Promise<FetchResult> {
    const now = this.options.now ?? Date.now;
    const crawlDelayMs = state.rules?.kind === "rules" && state.rules.crawlDelaySeconds !== null ? state.rules.crawlDelaySeconds * 1000 : 0;
    const delay = Math.max(this.options.delayMs, Math.min(crawlDelayMs, this.options.maxCrawlDelayMs ?? 30_000));
    const wait = state.lastAt + delay - now();
    if (wait > 0) await (this.options.sleep ?? realSleep)(wait);
    this.requests++;
    try {
      return await this.options.fetch(url, headers);
    } finally {
      state.lastAt = now();
    }
  }
}
