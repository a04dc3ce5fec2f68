// The API server's in-memory project index answers exactly as the SQL it stands in for: the same
// page of ids in the same order, the same total and the same grouped counts, for seeded random
// filters over a generated database — and it follows writes made after it was built.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateApiDatabase } from "../../scripts/bench-api-db.js";
import { seeded } from "../../scripts/bench-corpus.js";
import { type OpenedApp, openApp } from "../../src/app.js";
import { CATEGORIES, MECHANISMS, STATUSES } from "../../src/domain/vocabulary.js";
import { searchTerms } from "../../src/services/search-terms.js";
import { organizationWithSubsidiaries } from "../../src/store/organization.repository.js";
import { dropProjectIndex, keepProjectIndex, projectIndexBuilt, projectIndexOf } from "../../src/store/project-index.store.js";
import { PROJECT_SORTS, type ProjectFilter, deleteProject, groupProjects, listProjectsRaw } from "../../src/store/project.repository.js";
import { copyDatabase } from "../../src/store/copy-database.js";
import { openPostgresStore } from "../../src/store/open-postgres.js";
import type { Executor } from "../../src/store/executor.js";
import { tempDir } from "../helpers.js";
import { sql } from "kysely";
import { KEPT_PROJECT_CHANGES } from "../../src/store/project-changes.js";
import { postgresSchema, skipPostgres } from "../postgres.js";

const COUNTRIES = ["BR", "MX", "AR", "CO", "PE", "CL", "EC", "VE", "BO", "UY", "XX"];
const WORDS = ["camaras", "fibra óptica", "Huawei", "5G", "satélite", "ZTE Jujuy", "centro de datos", "nada-de-nada"];
const GROUPS = ["country", "category", "year", "mechanism", "vendor"] as const;

/** Seeded filters of every kind the API takes, one to four conditions each. */
async function filters(db: Executor, n: number, seed: number): Promise<ProjectFilter[]> {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const vendorIds = await organizationWithSubsidiaries(db, "Huawei");
  const out: ProjectFilter[] = [];
  for (let i = 0; i < n; i++) {
    const f: ProjectFilter = { limit: pick([1, 10, 25, 100]), offset: pick([0, 0, 5, 30]), sort: pick(PROJECT_SORTS) };
    const conditions = 1 + Math.floor(rnd() * 4);
    for (let c = 0; c < conditions; c++) {
      const which = Math.floor(rnd() * 10);
      if (which === 0) f.country = pick(COUNTRIES);
      else if (which === 1) f.category = pick(CATEGORIES);
      else if (which === 2) f.mechanism = pick(MECHANISMS);
      else if (which === 3) f.status = pick(STATUSES);
      else if (which === 4) f.parties = [{ roles: ["vendor", "investor", "acquirer", "donor"], organizationIds: vendorIds }];
      else if (which === 5) f.parties = [{ roles: ["buyer"], name: pick(["Government of Brazil", "gobierno de la provincia de jujuy", "Nobody At All"]) }];
      else if (which === 6) {
        f.yearFrom = 2005 + Math.floor(rnd() * 15);
        f.yearTo = f.yearFrom + Math.floor(rnd() * 6);
      } else if (which === 7) f.amountMin = Math.round(10 ** (5 + rnd() * 3));
      else if (which === 8) f.terms = searchTerms(pick(WORDS));
      else f.reviewState = pick(["verified", "unreviewed", "rejected"]);
    }
    out.push(f);
  }
  return out;
}

interface Answers {
  pages: { ids: string[]; total: number }[];
  groups: unknown[];
}

async function answers(db: Executor, list: readonly ProjectFilter[]): Promise<Answers> {
  const pages: Answers["pages"] = [];
  const groups: unknown[] = [];
  for (const [i, f] of list.entries()) {
    const page = await listProjectsRaw(db, f);
    pages.push({ ids: page.summaries.map((s) => (JSON.parse(s) as { id: string }).id), total: page.total });
    // Sums of floats differ in their last digits with the order they are added in: cents compared.
    const rows = await groupProjects(db, f, GROUPS[i % GROUPS.length] as (typeof GROUPS)[number]);
    groups.push(rows.map((r) => ({ ...r, usd: Math.round(r.usd * 100) / 100 })));
  }
  return { pages, groups };
}

/** Compares, naming the first filter that differs. */
function assertSame(sqlAnswers: Answers, indexAnswers: Answers, list: readonly ProjectFilter[]): void {
  for (const [i, f] of list.entries()) {
    const label = JSON.stringify(f);
    assert.deepEqual(indexAnswers.pages[i], sqlAnswers.pages[i], `page for ${label}`);
    assert.deepEqual(indexAnswers.groups[i], sqlAnswers.groups[i], `groups by ${GROUPS[i % GROUPS.length]} for ${label}`);
  }
}

/** Runs the comparison on a store: SQL first, then the index built over the same data. */
async function compare(db: Executor, list: readonly ProjectFilter[]): Promise<void> {
  // Totals over 10,000 are estimated by SQL: the generated database stays under that.
  const bySql = await answers(db, list);
  keepProjectIndex(db, (err) => assert.fail(err));
  assert.equal(await projectIndexBuilt(db), true);
  const byIndex = await answers(db, list);
  assertSame(bySql, byIndex, list);
}

describe("project index", () => {
  // Made here, not in `before`: tempDir's cleanup registered from a hook would run at once.
  const dir = tempDir();
  let app: OpenedApp;
  let file: string;
  let list: ProjectFilter[];
  before(async () => {
    file = join(dir, "index.db");
    await generateApiDatabase(file, { projects: 3_000, documents: 200, detailed: 100, seed: 7 });
    app = await openApp({ database: file, load: "if-empty" });
    list = await filters(app.store.db, 400, 11);
  });
  after(async () => {
    dropProjectIndex(app.store.db);
    await app.close();
  });

  it("gives the pages, totals and groups SQL gives, for 400 seeded filters", async () => {
    await compare(app.store.db, list);
    // Not a vacuous comparison: most filters match something, and some pages are full.
    const some = await answers(app.store.db, list.slice(0, 50));
    assert.ok(some.pages.filter((p) => p.total > 0).length > 25);
  });

  it("follows writes made after it was built, by this process or another", async () => {
    const db = app.store.db;
    assert.ok(await projectIndexOf(db));
    // A project moved to another country, one deleted, one given a new title (through another connection).
    const [moved, gone, renamed] = (await db.selectFrom("projects").select("id").orderBy("id").limit(3).execute()).map((r) => r.id);
    await db.updateTable("projects").set({ country: "UY", year: 2031 }).where("id", "=", moved as string).execute();
    await deleteProject(db, gone as string);
    const other = await openApp({ database: file, load: "if-empty" });
    await other.store.db.updateTable("projects").set({ title: "AAAA first of all", updated_at: "2099-01-01T00:00:00.000Z" }).where("id", "=", renamed as string).execute();
    await other.close();
    const uy = await listProjectsRaw(db, { country: "UY", yearFrom: 2031, limit: 10, offset: 0 });
    assert.deepEqual(uy.summaries.length, 1);
    assert.equal(uy.total, 1);
    const all = await listProjectsRaw(db, { limit: 5, offset: 0, sort: "title" });
    assert.equal(all.summaries.length, 5);
    const newest = await listProjectsRaw(db, { limit: 1, offset: 0, sort: "-updated" });
    assert.match(newest.summaries[0] ?? "", new RegExp(renamed as string));
    const withGone = await listProjectsRaw(db, { projectIds: [gone as string, renamed as string], limit: 10, offset: 0 });
    assert.equal(withGone.total, 1);
    // And after those writes the index still agrees with SQL everywhere.
    const after = await answers(db, list.slice(0, 100));
    dropProjectIndex(db);
    const bySql = await answers(db, list.slice(0, 100));
    assertSame(bySql, after, list.slice(0, 100));
  });

  it("keeps only the recent end of the change log once a store closes", async () => {
    keepProjectIndex(app.store.db);
    assert.equal(await projectIndexBuilt(app.store.db), true);
    const other = await openApp({ database: file, load: "if-empty" });
    await sql`insert into project_changes (project_id)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${KEPT_PROJECT_CHANGES + 500}) select 'filler' from n`.execute(other.store.db);
    const before = await other.store.db.selectFrom("project_changes").select((eb) => eb.fn.max("id").as("last")).executeTakeFirstOrThrow();
    await other.close();
    const rows = await app.store.db.selectFrom("project_changes").select((eb) => [eb.fn.min("id").as("first"), eb.fn.countAll<number>().as("n")]).executeTakeFirstOrThrow();
    assert.equal(Number(rows.first), Number(before.last) - KEPT_PROJECT_CHANGES);
    assert.equal(Number(rows.n), KEPT_PROJECT_CHANGES + 1);
    // The index, further behind than it may catch up, is built afresh in the background.
    assert.equal(await projectIndexOf(app.store.db), null);
    assert.equal(await projectIndexBuilt(app.store.db), true);
    assert.ok(await projectIndexOf(app.store.db));
  });

  it("is not used inside a transaction, whose writes are not committed yet", async () => {
    keepProjectIndex(app.store.db);
    await projectIndexBuilt(app.store.db);
    await app.store.db.transaction().execute(async (trx) => {
      assert.equal(await projectIndexOf(trx), null);
    });
    assert.ok(await projectIndexOf(app.store.db));
  });
});

describe("postgres: project index", { skip: skipPostgres }, () => {
  let drop: () => Promise<void> = async () => {};
  after(() => drop());

  it("gives the pages, totals and groups SQL gives on PostgreSQL too", async () => {
    const file = join(tempDir(), "index-pg.db");
    await generateApiDatabase(file, { projects: 1_500, documents: 100, detailed: 50, seed: 8 });
    const schema = await postgresSchema("index");
    drop = schema.drop;
    const from = await openApp({ database: file, load: "if-empty" });
    const to = await openPostgresStore(schema.url);
    try {
      await copyDatabase(from.store, to);
      const list = await filters(to.db, 200, 12);
      await compare(to.db, list);
      // A write through SQL reaches the index through the change log and its trigger.
      const id = (await to.db.selectFrom("projects").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow()).id;
      await to.db.updateTable("projects").set({ country: "UY", year: 2031 }).where("id", "=", id).execute();
      const uy = await listProjectsRaw(to.db, { country: "UY", yearFrom: 2031, limit: 10, offset: 0 });
      assert.equal(uy.total, 1);
    } finally {
      dropProjectIndex(to.db);
      await to.close();
      await from.close();
    }
  });
});
