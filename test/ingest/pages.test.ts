// Page text: whitespace tidying, joining pages with the offset of each, and offset → page number.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PAGE_SEPARATOR, joinPages, pageOf, tidyText } from "../../src/ingest/pages.js";

describe("tidyText", () => {
  it("trims lines, squeezes spaces and keeps at most one blank line between paragraphs", () => {
    assert.equal(tidyText("  Contrato \t con\u00a0 ZTE  \r\n\n\n\f  por US$ 5 millones \n"), "Contrato con ZTE\n\npor US$ 5 millones");
  });
});

describe("joinPages", () => {
  it("joins pages with a blank line and records where each starts", () => {
    const { text, pageStarts } = joinPages(["Primera  página\n", "Contrato con Huawei", "Tercera"]);
    assert.equal(PAGE_SEPARATOR, "\n\n");
    assert.equal(text, "Primera página\n\nContrato con Huawei\n\nTercera");
    assert.deepEqual(pageStarts, [0, 16, 37]);
    assert.equal(text.slice(pageStarts[1], pageStarts[1]! + 8), "Contrato");
  });

  it("gives an empty page the start of the next page's text, without doubling the separator", () => {
    const { text, pageStarts } = joinPages(["uno", " \n ", "tres"]);
    assert.equal(text, "uno\n\ntres");
    assert.deepEqual(pageStarts, [0, 5, 5]);
  });
});

describe("pageOf", () => {
  it("maps an offset to its 1-based page, a page's first character included", () => {
    const starts = [0, 120, 300];
    assert.deepEqual([0, 119, 120, 150, 299, 300, 5000].map((o) => pageOf(starts, o)), [1, 1, 2, 2, 2, 3, 3]);
  });

  it("puts an offset on the last of several pages that start at the same place (the empty ones come first)", () => {
    assert.equal(pageOf([0, 5, 5], 6), 3);
  });

  it("says page 1 when there are no pages", () => {
    assert.equal(pageOf([], 42), 1);
  });
});
