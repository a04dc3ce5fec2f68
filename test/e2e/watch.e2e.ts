// Saved searches and watched sources end to end in Debian's chromium: an editor signs in, saves a
// search from the projects page with a country filter, finds it on the watch page, watches a feed
// served by the test on 127.0.0.1 (let through the address guard with DSR_ALLOW_HOSTS), runs it,
// sees its health and the search's news; a dead feed shows as failing (since when, why); visitors
// get a read-only page. Screenshots go to test-artifacts/screenshots/.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type FeedServer, SENTENCES, article, rss, startFeedServer } from "../watch/feed-server.js";
import { browserSession } from "./browser-session.js";

// Started at the top: its own after() (closing it) then belongs to the file, not to a hook.
const feeds: FeedServer = await startFeedServer();

const session = browserSession(() => {
  feeds.set("/quito", article("Cámaras para Quito", SENTENCES.quito));
  feeds.set("/feed.xml", rss(feeds.base, [{ path: "/quito", title: "Cámaras para Quito" }]), "application/rss+xml");
  feeds.set("/gone.xml", { body: "", status: 503 });
  // The address guard lets 127.0.0.1 through so the site may read the test's feed server; no pause between requests.
  return { env: { DSR_ALLOW_HOSTS: "127.0.0.1", DSR_WATCH_DELAY_MS: "0" } };
});
const { open, shot, signIn, pageErrors } = session;

describe("saved searches and watched sources", () => {
  it("is read-only for visitors, with a hint to sign in", async () => {
    const { page, context } = await open("/projects?country=EC");
    await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Save this search" }).count(), 0);
    await page.goto(session.site.url + "/watch");
    await page.getByText("Saving searches and watching sources is for editors").waitFor();
    await page.getByText("No sources are watched yet.").waitFor();
    assert.equal(await page.getByLabel("Address (URL)").count(), 0);
    await context.close();
  });

  it("saves a search from the projects page, watches a local feed, runs it and shows its health and news", async () => {
    const { page, context } = await open("/projects?country=EC");
    await signIn(page);

    // Save this search: the country filter goes with it; the form checks the name first.
    await page.getByRole("button", { name: "Save this search" }).click();
    const name = page.getByLabel("Name", { exact: true });
    assert.ok(await name.evaluate((el) => el === el.ownerDocument.activeElement), "the name field has the focus");
    await page.getByText("Filters saved: Country: Ecuador").waitFor();
    await page.getByRole("button", { name: "Save the search" }).click();
    await page.getByText("This is required.").waitFor();
    await name.fill("Ecuador cameras");
    await page.getByLabel("E-mail").fill("desk@newsroom.example");
    await page.getByRole("button", { name: "Save the search" }).click();
    await page.getByText("Saved “Ecuador cameras”.").waitFor();

    // The API's refusal beside the field it names: the same name again.
    await page.getByRole("button", { name: "Save another search" }).click();
    await name.fill("Ecuador cameras");
    await page.getByRole("button", { name: "Save the search" }).click();
    await page.locator(".watch-field-error", { hasText: "exists" }).waitFor();
    assert.equal(await name.getAttribute("aria-invalid"), "true");
    await shot(page, "watch-save-search");
    await name.fill("Ecuador cameras 2");
    await page.getByRole("button", { name: "Save the search" }).click();
    await page.getByRole("link", { name: "See its news on the watch page" }).click();

    // The watch page: the new search is chosen, with its country filter.
    await page.waitForURL(/\/watch\?search=/);
    await page.getByRole("heading", { name: "Watch", level: 1 }).waitFor();
    const chosen = page.getByRole("button", { name: "Ecuador cameras 2", exact: true });
    assert.equal(await chosen.getAttribute("aria-pressed"), "true");
    await page.locator(".watch-search", { hasText: "Ecuador cameras 2" }).getByText(/country=EC/).waitFor();
    await page.getByRole("button", { name: "Ecuador cameras", exact: true }).click();
    await page.getByText("Nothing new for this search yet.").waitFor();

    // Watch the feed; the schedule is checked before sending, the duplicate refused beside the URL.
    const feedUrl = `${feeds.base}/feed.xml`;
    await page.getByLabel("Address (URL)").fill(feedUrl);
    await page.getByLabel("How often").fill("1m");
    await page.getByRole("button", { name: "Watch it" }).click();
    await page.locator(".watch-field-error", { hasText: "at least 5m" }).waitFor();
    await page.getByLabel("How often").fill("1h");
    await page.getByRole("button", { name: "Watch it" }).click();
    // The feed's own title names it.
    await page.getByText("Now watching Diario de prueba.").waitFor();
    const row = page.locator("tr", { hasText: feedUrl });
    await row.getByText("Not run yet", { exact: true }).waitFor();
    await page.getByLabel("Address (URL)").fill(feedUrl);
    await page.getByRole("button", { name: "Watch it" }).click();
    await page.locator(".watch-field-error", { hasText: "is watched already" }).waitFor();
    await page.getByLabel("Address (URL)").fill("");

    // Run it now: the article becomes a project in Ecuador, the source is healthy, the search has news.
    await row.getByRole("button", { name: "Run now: Diario de prueba" }).click();
    await row.getByText("Diario de prueba: listed 1, new 1, documents stored 1.").waitFor({ timeout: 30_000 });
    await row.getByText("OK", { exact: true }).waitFor();
    assert.equal(await row.getAttribute("data-health"), "ok");
    assert.ok(feeds.hitsOf("/quito") >= 1, "the article was fetched from the local server");
    await page.locator(".watch-news li", { hasText: /Quito/ }).first().waitFor({ timeout: 15_000 });

    // A dead feed (given its kind, since its first answer tells nothing): failing, since when and why.
    const goneUrl = `${feeds.base}/gone.xml`;
    await page.getByLabel("Address (URL)").fill(goneUrl);
    await page.getByText("More options").click();
    await page.getByLabel("Kind").selectOption("rss");
    await page.getByLabel("Title (optional)").fill("Diario apagado");
    await page.getByRole("button", { name: "Watch it" }).click();
    await page.getByText("Now watching Diario apagado.").waitFor();
    const gone = page.locator("tr", { hasText: "Diario apagado" });
    await gone.getByRole("button", { name: "Run now: Diario apagado" }).click();
    await gone.getByText(/Diario apagado failed:/).waitFor({ timeout: 30_000 });
    await gone.getByText(/Failing since/).waitFor();
    await gone.getByText(/503/).first().waitFor();
    assert.equal(await gone.getAttribute("data-health"), "failing");

    await page.mouse.move(0, 0);
    await shot(page, "watch");

    // Stop watching asks first; cancelling keeps it.
    await gone.getByRole("button", { name: "Stop watching: Diario apagado" }).click();
    await gone.getByRole("button", { name: "Cancel" }).click();
    await gone.getByRole("button", { name: "Run now: Diario apagado" }).waitFor();
    await context.close();
  });

  it("fits a phone, where editors edit a search's alerts and remove a source", async () => {
    const { page, context } = await open("/watch", { viewport: { width: 390, height: 844 } });
    await signIn(page);
    await page.getByRole("button", { name: "Edit alerts: Ecuador cameras", exact: true }).click();
    const email = page.getByLabel("E-mail");
    assert.equal(await email.inputValue(), "desk@newsroom.example");
    await email.fill("");
    await page.getByRole("button", { name: "Save the alerts" }).click();
    await page.getByText("Alerts of “Ecuador cameras” saved.").waitFor();
    await page.locator(".watch-search", { hasText: "Ecuador cameras" }).first().getByText(/news here and in the Atom feed only/).waitFor();

    const gone = page.locator("tr", { hasText: "Diario apagado" });
    await gone.getByRole("button", { name: "Stop watching: Diario apagado" }).click();
    await gone.getByRole("button", { name: "Yes, stop" }).click();
    await page.getByText("Stopped watching Diario apagado.").waitFor();
    await page.locator("tr", { hasText: "Diario apagado" }).waitFor({ state: "detached" });

    const overflow = await page.locator("html").evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await shot(page, "watch-phone");

    await page.getByRole("button", { name: "Delete: Ecuador cameras 2" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByText("Deleted “Ecuador cameras 2”.").waitFor();
    await context.close();
    assert.deepEqual(pageErrors, []);
  });
});
