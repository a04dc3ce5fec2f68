import { describe, expect, it } from "vitest";
import { parseFilters } from "../../lib/filters";
import { apiErrors, channelsPatch, checkSearchForm, checkSourceForm, everySeconds, searchBody, searchQueryOf, sourceBody } from "./logic";

const blank = { name: "", webhookUrl: "", webhookSecret: "", email: "" };

describe("filters into a saved search", () => {
  it("writes the page's URL filters as the project list's query (snake_case, years as numbers, verified as review)", () => {
    const filters = parseFilters(new URLSearchParams("country=ec&category=surveillance&year_from=2019&year_to=2024&verified=1&q=cámaras&vendor=Hikvision&sort=-year&page=2"));
    expect(searchQueryOf(filters)).toEqual({ country: "EC", vendor: "Hikvision", category: "surveillance", year_from: 2019, year_to: 2024, review: "verified", q: "cámaras" });
    expect(searchQueryOf({})).toEqual({});
  });

  it("leaves empty channels out of the body and trims the rest", () => {
    expect(searchBody({ ...blank, name: "  Cameras EC " }, { country: "EC" })).toEqual({ name: "Cameras EC", query: { country: "EC" } });
    expect(searchBody({ name: "x", webhookUrl: " https://hooks.example/a ", webhookSecret: "0123456789abcdef", email: "ana@news.example" }, {})).toEqual({
      name: "x", query: {}, webhookUrl: "https://hooks.example/a", webhookSecret: "0123456789abcdef", email: "ana@news.example",
    });
    // A secret without a webhook is not sent (the form says so first).
    expect(searchBody({ ...blank, name: "x", webhookSecret: "0123456789abcdef" }, {})).toEqual({ name: "x", query: {} });
  });
});

describe("the forms' own checks", () => {
  it("checks a search's name, webhook, secret and e-mail as the API would", () => {
    expect(checkSearchForm(blank)).toEqual({ name: "required" });
    expect(checkSearchForm({ ...blank, name: "-bad" })).toEqual({ name: "name" });
    expect(checkSearchForm({ ...blank, name: "Cámaras en Ecuador (2024)" })).toEqual({});
    expect(checkSearchForm({ name: "ok", webhookUrl: "ftp://x.example", webhookSecret: "short", email: "ana@" })).toEqual({ webhookUrl: "url", webhookSecret: "secretShort", email: "email" });
    expect(checkSearchForm({ ...blank, name: "ok", webhookSecret: "0123456789abcdef" })).toEqual({ webhookSecret: "secretAlone" });
    expect(checkSearchForm(blank, { requireName: false })).toEqual({});
  });

  it("checks a source's URL, schedule and country", () => {
    const base = { url: "https://diario.example/feed.xml", every: "6h", kind: "", title: "", country: "" };
    expect(checkSourceForm(base)).toEqual({});
    expect(checkSourceForm({ ...base, url: "" })).toEqual({ url: "required" });
    expect(checkSourceForm({ ...base, url: "file:///etc/passwd" })).toEqual({ url: "url" });
    expect(checkSourceForm({ ...base, every: "10s" })).toEqual({ every: "every" });
    expect(checkSourceForm({ ...base, every: "often" })).toEqual({ every: "every" });
    expect(checkSourceForm({ ...base, country: "Ecuador" })).toEqual({ country: "country" });
    expect(everySeconds("90m")).toBe(5400);
    expect(everySeconds("1.5h")).toBe(5400);
  });

  it("sends only what was given, the kind only when chosen, the country upper-cased", () => {
    expect(sourceBody({ url: " https://a.example/feed ", every: "", kind: "", title: " ", country: "" })).toEqual({ url: "https://a.example/feed", every: "6h" });
    expect(sourceBody({ url: "https://a.example/ocds.json", every: "1d", kind: "ocds", title: "Compras", country: "ec" })).toEqual({ url: "https://a.example/ocds.json", every: "1d", kind: "ocds", title: "Compras", country: "EC" });
    expect(sourceBody({ url: "https://a.example/", every: "1d", kind: "folder", title: "", country: "" })).toEqual({ url: "https://a.example/", every: "1d" });
  });

  it("patches only the channels that changed; a cleared one becomes null", () => {
    const current = { webhookUrl: "https://hooks.example/a", email: "ana@news.example" };
    expect(channelsPatch({ ...blank, webhookUrl: "https://hooks.example/a", email: "ana@news.example" }, current)).toEqual({});
    expect(channelsPatch({ ...blank, webhookUrl: "", email: "bea@news.example" }, current)).toEqual({ webhookUrl: null, email: "bea@news.example" });
    expect(channelsPatch({ ...blank, webhookUrl: "https://hooks.example/a", webhookSecret: "0123456789abcdef", email: "ana@news.example" }, current)).toEqual({ webhookSecret: "0123456789abcdef" });
    expect(channelsPatch({ ...blank, webhookUrl: "https://hooks.example/b" }, { webhookUrl: null, email: null })).toEqual({ webhookUrl: "https://hooks.example/b" });
  });
});

describe("the API's refusals, beside the field they name", () => {
  const SEARCH = ["name", "webhookUrl", "webhookSecret", "email"] as const;
  const SOURCE = ["url", "every", "kind", "title", "country"] as const;

  it("reads the schema's paths", () => {
    expect(apiErrors("invalid body: email: Invalid email address; webhookUrl: Invalid URL", SEARCH, "search")).toEqual({ fields: { email: "Invalid email address", webhookUrl: "Invalid URL" }, general: null });
    expect(apiErrors("invalid body: query.category: Invalid option: expected one of …", SEARCH, "search")).toEqual({ fields: {}, general: "query.category: Invalid option: expected one of …" });
    expect(apiErrors("invalid body: url: Invalid URL; every: Too big", SOURCE, "source").fields).toEqual({ url: "Invalid URL", every: "Too big" });
  });

  it("reads the services' words", () => {
    const named = 'a saved search named "Cameras EC" exists; delete it first or choose another name';
    expect(apiErrors(named, SEARCH, "search")).toEqual({ fields: { name: named }, general: null });
    expect(apiErrors("a webhook secret must be at least 16 characters (or omit it and one is made)", SEARCH, "search").fields.webhookSecret).toBeTruthy();
    expect(apiErrors('"x@y" is not an e-mail address', SEARCH, "search").fields.email).toBeTruthy();
    expect(apiErrors('--every must be at least 5m (sources are polled politely), got "1m"', SOURCE, "source").fields.every).toBeTruthy();
    expect(apiErrors("https://a.example/feed is watched already; see `dsr watch list`", SOURCE, "source").fields.url).toBeTruthy();
    expect(apiErrors("refused: intranet.example resolves to 10.0.0.5, a private address; give --kind (rss, atom, sitemap, listing or ocds) to add it anyway", SOURCE, "source").fields.url).toBeTruthy();
    expect(apiErrors("https://a.example/: not a feed, sitemap, OCDS package or HTML page as far as its first bytes tell; give --kind", SOURCE, "source").fields.kind).toBeTruthy();
  });

  it("keeps what names no field for above the button", () => {
    expect(apiErrors("this needs the editor role", SEARCH, "search")).toEqual({ fields: {}, general: "this needs the editor role" });
  });
});
