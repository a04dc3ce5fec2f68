import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OrganizationIndex, similarity } from "../../src/resolve/organization-index.js";

const orgs = [
  { id: "huawei", name: "Huawei", aliases: ["Huawei Technologies", "华为"], parentId: null },
  { id: "huawei-marine", name: "Huawei Marine", aliases: ["Huawei Marine Networks"], parentId: "huawei" },
  { id: "zte", name: "ZTE", aliases: ["ZTE Corporation"], parentId: null },
  { id: "zte-argentina", name: "ZTE Argentina", aliases: [], parentId: "zte" },
  { id: "hikvision", name: "Hikvision", aliases: ["Hangzhou Hikvision Digital Technology"], parentId: null },
  { id: "china-development-bank", name: "China Development Bank", aliases: ["CDB"], parentId: null },
];

describe("organization index", () => {
  const index = new OrganizationIndex(orgs);

  it("links aliases with case and accents folded", () => {
    assert.deepEqual(index.match("HUAWEI TECHNOLOGIES"), { id: "huawei", name: "Huawei", how: "alias", score: 1 });
    assert.equal(index.match("华为")?.id, "huawei");
  });

  it("links a name written with its legal form", () => {
    assert.deepEqual(index.match("Huawei Technologies Co., Ltd."), { id: "huawei", name: "Huawei", how: "legal-form", score: 1 });
    assert.equal(index.match("ZTE Argentina S.A.")?.id, "zte-argentina");
  });

  it("learns a spelling it matched loosely, so the next lookup of it is exact", () => {
    const own = new OrganizationIndex(orgs);
    assert.equal(own.match("Hangzhou Hikvision Digital Technologies")?.how, "fuzzy");
    own.addAlias("hikvision", "Hangzhou Hikvision Digital Technologies");
    assert.deepEqual(own.match("hangzhou hikvision digital technologies"), { id: "hikvision", name: "Hikvision", how: "alias", score: 1 });
    // A spelling another organization already has stays theirs; an unknown id is ignored.
    own.addAlias("zte", "Huawei");
    own.addAlias("nobody", "Nobody Ltd");
    assert.equal(own.match("Huawei")?.id, "huawei");
    assert.equal(own.match("Nobody Ltd"), null);
  });

  it("links a near spelling above the threshold and nothing below it", () => {
    const near = index.match("Hangzhou Hikvision Digital Technologies");
    assert.equal(near?.id, "hikvision");
    assert.equal(near?.how, "fuzzy");
    assert.ok((near?.score ?? 0) < 1);
    assert.equal(index.match("China Construction Bank"), null);
    assert.equal(index.match("Telefónica"), null);
  });

  it("does not fuzzy-match short names, where one letter changes the company", () => {
    assert.equal(index.match("ZTT"), null);
  });

  it("knows families, so a subsidiary overlaps its parent", () => {
    assert.equal(index.familyOf("huawei-marine"), "huawei");
    assert.equal(index.familyOf("zte-argentina"), "zte");
    assert.deepEqual(index.familyMembers("zte-argentina").sort(), ["zte", "zte-argentina"]);
  });

  it("learns organizations added later", () => {
    const grown = new OrganizationIndex(orgs);
    assert.equal(grown.match("Gobierno de Jujuy"), null);
    grown.add({ id: "gobierno-de-jujuy", name: "Gobierno de Jujuy", aliases: [], parentId: null });
    assert.equal(grown.match("gobierno de jujuy")?.id, "gobierno-de-jujuy");
  });

  it("scores equal keys 1 and unrelated ones near 0", () => {
    assert.equal(similarity("huawei", "huawei"), 1);
    assert.ok(similarity("huawei", "nokia") < 0.2);
  });
});
