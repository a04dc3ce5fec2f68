// The progress view: redrawn in place on a terminal, an occasional plain line on a pipe, and
// messages that never end up glued to the bar.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { progressView } from "../../src/cli/progress.js";

const step = (done: number) => ({ done, total: 4, bytes: done * 1_500_000, deals: done * 2, failed: done === 4 ? 1 : 0, current: `f${done}` });

describe("progress view", () => {
  it("redraws one line on a terminal and clears it at the end", () => {
    let out = "";
    const view = progressView((t) => void (out += t), true);
    for (let i = 1; i <= 4; i++) view.update(step(i));
    view.message("dsr: f3: broken\n");
    view.done();
    assert.match(out, /\r\x1b\[2K\[#{6}\.{18}\] 1\/4 files · 1\.5 MB · 2 deals · 0 errors/);
    assert.match(out, /\[#{24}\] 4\/4 files · 6\.0 MB · 8 deals · 1 error/);
    assert.match(out, /\r\x1b\[2Kdsr: f3: broken\n/);
    assert.ok(out.endsWith("\r\x1b[2K"));
  });

  it("prints plain lines at most every few seconds on a pipe, and the totals at the end", () => {
    let out = "";
    let clock = 0;
    const view = progressView((t) => void (out += t), false, () => clock);
    view.update(step(1));
    clock = 6000;
    view.update(step(2));
    view.update(step(3));
    view.done();
    assert.equal(out, "dsr: 2/4 files · 3.0 MB · 4 deals · 0 errors\ndsr: 3/4 files · 4.5 MB · 6 deals · 0 errors\n");
    assert.ok(!out.includes("\r"));
  });
});
