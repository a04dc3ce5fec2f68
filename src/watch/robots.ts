// robots.txt decisions (RFC 9309) with robots-parser: a 2xx file is obeyed; a 4xx means no rules
// (everything allowed); a 5xx or no answer means "assume complete disallow" until it answers.
import robotsParserModule from "robots-parser";

// The package is CommonJS (module.exports = the function) while its typings declare a default
// export; under NodeNext the default import is the function at run time, typed here as it is.
const robotsParser = robotsParserModule as unknown as (typeof import("robots-parser"))["default"];

/** The product token robots.txt groups are matched against. */
export const ROBOTS_AGENT = "dsr-observatory";

export type RobotsRules =
  | { kind: "rules"; allows: (url: string) => boolean; crawlDelaySeconds: number | null }
  | { kind: "allow-all" }
  | { kind: "unreachable"; reason: string };

/**
 * Rules from a robots.txt answer.
 * @example robotsRules("https://a.example/robots.txt", { status: 200, body: "User-agent: *\nDisallow: /private" }).allows("https://a.example/private/x") // false
 */
export function robotsRules(robotsUrl: string, answer: { status: number; body: string } | { error: string }): RobotsRules {
  if ("error" in answer) return { kind: "unreachable", reason: `robots.txt could not be read (${answer.error}); RFC 9309 says to assume everything is disallowed` };
  if (answer.status >= 400 && answer.status < 500) return { kind: "allow-all" };
  if (answer.status < 200 || answer.status > 299) return { kind: "unreachable", reason: `robots.txt answered HTTP ${answer.status}; RFC 9309 says to assume everything is disallowed` };
  const robot = robotsParser(robotsUrl, answer.body);
  const delay = robot.getCrawlDelay(ROBOTS_AGENT);
  return {
    kind: "rules",
    // undefined: the URL is not for this host (a redirect elsewhere); robots of that host decide there.
    allows: (url) => robot.isAllowed(url, ROBOTS_AGENT) !== false,
    crawlDelaySeconds: typeof delay === "number" && Number.isFinite(delay) && delay > 0 ? delay : null,
  };
}

/** Whether the rules let this URL be fetched, with the reason when not. */
export function robotsDecision(rules: RobotsRules, url: string): { allowed: true } | { allowed: false; reason: string } {
  if (rules.kind === "allow-all") return { allowed: true };
  if (rules.kind === "unreachable") return { allowed: false, reason: rules.reason };
  return rules.allows(url) ? { allowed: true } : { allowed: false, reason: `robots.txt disallows ${new URL(url).pathname} for ${ROBOTS_AGENT}` };
}
