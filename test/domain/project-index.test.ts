// The in-memory project index's own rules: ranks that keep their order through any number of
// inserts, removal and re-use of slots, and sorting with unknown values last in both directions.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seeded } from "../../scripts/bench-corpus.js";
import { type IndexedProject, ProjectIndex } from "../../src/domain/project-index.js";
import { RankedOrder } from "../../src/domain/ranked-order.js";

describe("ranked order", () => {
  it("keeps ranks in the comparator's order through inserts into one gap and removals", () => {
    const keys: number[] = [];
    const order = new RankedOrder((a, b) => (keys[a] as number) - (keys[b] as number));
    keys.push(0, 1000);
    order.rebuild([0, 1], 2);
    // Always between the two smallest: doubles run out of room after ~50 halvings.
    for (let i = 0; i < 200; i++) {
      keys.push(1000 / (i + 2));
      order.ensure(keys.length);
      order.insert(keys.length - 1);
    }
    const rnd = seeded(3);
    const removed = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const slot = Math.floor(rnd() * keys.length);
      if (removed.has(slot)) continue;
      removed.add(slot);
      order.remove(slot);
    }
    const alive = keys.map((_, s) => s).filter((s) => !removed.has(s));
    assert.equal(order.size, alive.length);
    const byRank = [...alive].sort((a, b) => (order.rank[a] as number) - (order.rank[b] as number));
    const byKey = [...alive].sort((a, b) => (keys[a] as number) - (keys[b] as number));
    assert.deepEqual(byRank, byKey);
  });
});

const project = (id: string, over: Partial<IndexedProject> = {}): IndexedProject => ({
  id,
  title: id,
  country: "AR",
  subdivision: null,
  category: "surveillance",
  mechanism: null,
  status: null,
  reviewState: "unreviewed",
  year: null,
  amountUsd: null,
  updatedAt: "2026-01-01T00:00:00Z",
  textKey: null,
  parties: [],
  ...over,
});

describe("project index", () => {
  it("sorts unknown years and amounts last both ways, ties by id", () => {
    const index = new ProjectIndex();
    index.load([project("c", { year: 2019 }), project("a"), project("b", { year: 2019 }), project("d", { year: 2020 })]);
    assert.deepEqual(index.page({}, { key: "year", descending: true }, 0, 10).ids, ["d", "b", "c", "a"]);
    assert.deepEqual(index.page({}, { key: "year", descending: false }, 0, 10).ids, ["b", "c", "d", "a"]);
    assert.deepEqual(index.page({}, { key: "year", descending: false }, 1, 2), { ids: ["c", "d"], total: 4 });
  });

  it("re-uses a removed project's slot without its old parties or text key", () => {
    const index = new ProjectIndex();
    index.load([project("a", { textKey: 1, parties: [{ role: "vendor", organizationId: "huawei", name: "Huawei" }] }), project("b")]);
    index.remove("a");
    index.upsert(project("e", { textKey: 2 }));
    const huawei = { parties: [{ roles: ["vendor"], organizationIds: ["huawei"] }] };
    assert.equal(index.countOf(huawei), 0);
    assert.equal(index.countOf({ textKeys: [1] }), 0);
    assert.deepEqual(index.page({ textKeys: [2] }, { key: "title", descending: false }, 0, 5).ids, ["e"]);
    assert.equal(index.size, 2);
  });

  it("groups suppliers by organization, or by name when none is known, counting each project once", () => {
    const index = new ProjectIndex();
    index.load([
      project("a", { amountUsd: 10, parties: [{ role: "vendor", organizationId: "zte", name: "ZTE" }, { role: "investor", organizationId: "zte", name: "ZTE Corp" }] }),
      project("b", { parties: [{ role: "vendor", organizationId: null, name: "Acme" }, { role: "buyer", organizationId: "jujuy", name: "Jujuy" }] }),
    ]);
    const rows = index.group({}, "vendor").sort((x, y) => String(x.key).localeCompare(String(y.key)));
    assert.deepEqual(rows, [
      { key: "Acme", label: "Acme", projects: 1, usd: 0, withAmount: 0 },
      // As the store's join: a project counts once, its amount once per supplier row.
      { key: "zte", label: "ZTE Corp", projects: 1, usd: 20, withAmount: 2 },
    ]);
    assert.equal(index.countOf({ parties: [{ roles: ["buyer"], name: "JUJUY" }] }), 1);
  });
});
