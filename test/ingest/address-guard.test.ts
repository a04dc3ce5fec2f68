// The URL guard: address classes and refusals, with an injected resolver (never real DNS).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type AddressClass, type ResolvedAddress, type Resolver, checkUrl, classifyAddress } from "../../src/ingest/address-guard.js";

/** A resolver from a table; unknown hosts fail as DNS would, and every call is recorded. */
function fakeResolver(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string): Promise<ResolvedAddress[]> => {
    calls.push(host);
    const answers = table[host];
    if (answers === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe("classifyAddress", () => {
  const table: [string, AddressClass][] = [
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["93.184.216.34", "public"],
    ["2606:4700::1111", "public"],
    ["2001:4860:4860::8888", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.255", "private"],
    ["100.128.0.1", "public"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["192.0.0.8", "reserved"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["198.19.255.255", "reserved"],
    ["198.51.100.7", "reserved"],
    ["203.0.113.9", "reserved"],
    ["2001:db8::1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::169.254.169.254", "metadata"],
    ["64:ff9b::8.8.8.8", "public"],
    ["2002:7f00:1::", "loopback"],
    ["::127.0.0.1", "reserved"],
    ["not-an-address", "reserved"],
  ];
  for (const [address, expected] of table) {
    it(`classifies ${address} as ${expected}`, () => {
      assert.equal(classifyAddress(address), expected);
    });
  }
});

describe("checkUrl", () => {
  const resolve = fakeResolver({
    "internal.example": ["10.0.0.5"],
    "news.example": ["93.184.216.34", "2606:4700::1111"],
    "mixed.example": ["93.184.216.34", "192.168.0.10"],
    "metadata.example": ["169.254.169.254"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "empty.example": [],
  });

  it("accepts a host whose every address is public and returns those addresses", async () => {
    const result = await checkUrl("https://news.example/nota?id=1", { allowHosts: [], resolve });
    assert.equal(result.ok, true);
    assert.ok(result.ok);
    assert.equal(result.url.href, "https://news.example/nota?id=1");
    assert.deepEqual(result.addresses, [
      { address: "93.184.216.34", family: 4 },
      { address: "2606:4700::1111", family: 6 },
    ]);
  });

  it("refuses a host that resolves to a private address, naming host, address and class", async () => {
    const result = await checkUrl("http://internal.example/", { allowHosts: [], resolve });
    assert.deepEqual(result, { ok: false, reason: "refused: internal.example resolves to 10.0.0.5, a private address" });
  });

  it("refuses when any one of several answers is internal", async () => {
    const result = await checkUrl("http://mixed.example/", { allowHosts: [], resolve });
    assert.deepEqual(result, { ok: false, reason: "refused: mixed.example resolves to 192.168.0.10, a private address" });
  });

  it("refuses names resolving to cloud metadata or IPv4-mapped loopback", async () => {
    assert.deepEqual(await checkUrl("http://metadata.example/latest/", { allowHosts: [], resolve }), {
      ok: false,
      reason: "refused: metadata.example resolves to 169.254.169.254, a metadata address",
    });
    assert.deepEqual(await checkUrl("http://mapped.example/", { allowHosts: [], resolve }), {
      ok: false,
      reason: "refused: mapped.example resolves to ::ffff:127.0.0.1, a loopback address",
    });
  });

  it("refuses IP literals by class without asking the resolver", async () => {
    const literal = fakeResolver({});
    const cases: [string, string][] = [
      ["http://127.0.0.1:8080/", "refused: 127.0.0.1 is a loopback address"],
      ["http://[::1]/", "refused: ::1 is a loopback address"],
      ["http://[::ffff:127.0.0.1]/", "refused: ::ffff:7f00:1 is a loopback address"],
      ["http://[64:ff9b::a00:1]/", "refused: 64:ff9b::a00:1 is a private address"],
      ["http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a metadata address"],
      ["http://[fd00:ec2::254]/", "refused: fd00:ec2::254 is a metadata address"],
      ["http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"],
      ["http://100.64.1.1/", "refused: 100.64.1.1 is a private address"],
    ];
    for (const [url, reason] of cases) {
      assert.deepEqual(await checkUrl(url, { allowHosts: [], resolve: literal }), { ok: false, reason }, url);
    }
    assert.deepEqual(literal.calls, []);
  });

  it("refuses decimal, octal and hex spellings of loopback, which URL parsing normalises", async () => {
    for (const url of ["http://2130706433/", "http://0x7f.1/", "http://017700000001/", "http://127.1/"]) {
      assert.deepEqual(
        await checkUrl(url, { allowHosts: [], resolve: fakeResolver({}) }),
        { ok: false, reason: "refused: 127.0.0.1 is a loopback address" },
        url,
      );
    }
  });

  it("accepts a public IP literal", async () => {
    const result = await checkUrl("http://8.8.8.8/", { allowHosts: [], resolve: fakeResolver({}) });
    assert.ok(result.ok);
    assert.deepEqual(result.addresses, [{ address: "8.8.8.8", family: 4 }]);
  });

  it("refuses schemes other than http and https before resolving anything", async () => {
    const untouched = fakeResolver({});
    for (const url of ["file:///etc/passwd", "ftp://news.example/a.pdf", "gopher://news.example/", "data:text/html,<p>hi</p>", "javascript:alert(1)"]) {
      const result = await checkUrl(url, { allowHosts: ["news.example"], resolve: untouched });
      assert.equal(result.ok, false, url);
      assert.ok(!result.ok);
      assert.match(result.reason, /^refused: only http and https URLs are fetched, not [a-z]+:$/, url);
    }
    assert.deepEqual(untouched.calls, []);
  });

  it("refuses URLs carrying a user name or password", async () => {
    for (const url of ["http://user:pass@news.example/", "https://user@news.example/"]) {
      assert.deepEqual(await checkUrl(url, { allowHosts: [], resolve }), {
        ok: false,
        reason: "refused: URLs with a user name or password are not fetched",
      });
    }
  });

  it("refuses what is not a URL", async () => {
    assert.deepEqual(await checkUrl("not a url", { allowHosts: [], resolve }), { ok: false, reason: "refused: not a valid URL" });
  });

  it("lets an allowed host through whatever it resolves to, ignoring case and a trailing dot", async () => {
    const result = await checkUrl("http://Internal.Example./wiki", { allowHosts: ["internal.example"], resolve });
    assert.ok(result.ok);
    assert.deepEqual(result.addresses, [{ address: "10.0.0.5", family: 4 }]);
  });

  it("lets allowed IP literals through, IPv6 compared without brackets", async () => {
    const literal = fakeResolver({});
    const v4 = await checkUrl("http://127.0.0.1:3000/", { allowHosts: ["127.0.0.1"], resolve: literal });
    assert.ok(v4.ok);
    assert.deepEqual(v4.addresses, [{ address: "127.0.0.1", family: 4 }]);
    const v6 = await checkUrl("http://[::1]:3000/", { allowHosts: ["::1"], resolve: literal });
    assert.ok(v6.ok);
    assert.deepEqual(v6.addresses, [{ address: "::1", family: 6 }]);
    assert.deepEqual(literal.calls, []);
  });

  it("does not let an allowed host vouch for a different one", async () => {
    const result = await checkUrl("http://internal.example/", { allowHosts: ["news.example", "127.0.0.1"], resolve });
    assert.equal(result.ok, false);
  });

  it("reports hosts that do not resolve, or resolve to nothing", async () => {
    assert.deepEqual(await checkUrl("http://nowhere.example/", { allowHosts: [], resolve }), {
      ok: false,
      reason: "cannot resolve nowhere.example (ENOTFOUND)",
    });
    assert.deepEqual(await checkUrl("http://empty.example/", { allowHosts: [], resolve }), {
      ok: false,
      reason: "cannot resolve empty.example (no addresses)",
    });
  });
});
