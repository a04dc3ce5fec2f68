// `dsr assess`: new from a project with --defaults or an answers file, bad answers files refused
// naming the file and the question (exit 1), reports in every format, resume with update.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, it } from "node:test";
import { chromiumAvailable } from "../../src/assess/report-pdf.js";
import { runCli } from "../../src/cli/main.js";
import { captureIo, tempDir } from "../helpers.js";

const BIN = fileURLToPath(new URL("../../bin/dsr.js", import.meta.url));
const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const run = promisify(execFile);

async function dsr(args: string[], db: string) {
  const io = captureIo();
  const code = await runCli(args, io, { DSR_DB: db });
  return { code, out: io.out(), err: io.err() };
}

describe("dsr assess", () => {
  const dir = tempDir();
  const db = join(dir, "assess.db");

  it("new --project … --defaults --json (the real binary) prints the assessment with its id", async () => {
    const { stdout, stderr } = await run(process.execPath, [BIN, "assess", "new", "--project", "zte-jujuy-surveillance-2019", "--defaults", "--json"], { env: { ...process.env, DSR_DB: db } });
    const a = JSON.parse(stdout);
    assert.match(a.id, /^pia-[0-9a-z]{26}$/);
    assert.equal(a.country, "AR");
    assert.equal(a.answers["vendor.home_country"], "CN");
    assert.ok(a.unanswered.includes("retention.period"));
    assert.equal(a.risks.length, 8);
    assert.match(stderr, new RegExp(`dsr assess report ${a.id}`));
  });

  it("new --answers FILE applies the file over the project's answers, and report gives HTML and JSON", async () => {
    const created = await dsr(["assess", "new", "--project", "zte-jujuy-surveillance-2019", "--answers", join(FIXTURES, "jujuy-answers.json"), "--json", "--by", "ana"], db);
    assert.equal(created.code, 0, created.err);
    const a = JSON.parse(created.out);
    assert.equal(a.title, "Jujuy safe-city system (illustrative answers for tests)");
    assert.equal(a.createdBy, "ana");
    assert.equal(a.answers["storage.location"], "vendor_premises");

    const html = await dsr(["assess", "report", a.id, "--format", "html"], db);
    assert.equal(html.code, 0, html.err);
    assert.match(html.out, /^<!doctype html>/);
    assert.match(html.out, /Ley 25\.326/);
    assert.match(html.out, /Agencia de Acceso a la Información Pública/);

    const json = await dsr(["assess", "report", a.id, "--format", "json"], db);
    const report = JSON.parse(json.out);
    assert.equal(report.law.country, "AR");
    assert.equal(report.questionnaire.version, "1.0.0");
    assert.ok(report.sources.length >= 2);

    const out = join(dir, "report.html");
    const toFile = await dsr(["assess", "report", a.id, "--out", out], db);
    assert.equal(toFile.out, "");
    assert.match(readFileSync(out, "utf8"), /Risk map/);
  });

  it("refuses a bad answers file with exit 1, naming the file and each question it breaks, and saves nothing", async () => {
    const before = JSON.parse((await dsr(["assess", "list", "--json"], db)).out).total;
    const bad = join(FIXTURES, "bad-answers.json");
    const r = await dsr(["assess", "new", "--project", "zte-jujuy-surveillance-2019", "--answers", bad], db);
    assert.equal(r.code, 1);
    assert.equal(r.out, "");
    assert.ok(r.err.includes(bad), r.err);
    assert.match(r.err, /question data\.categories: "faces" is not an option/);
    assert.match(r.err, /question storage\.location: "moon" is not an option/);
    assert.match(r.err, /question retention\.period: expected one option id/);
    assert.match(r.err, /question no\.such_question: no such question/);
    const broken = await dsr(["assess", "new", "--project", "zte-jujuy-surveillance-2019", "--answers", join(FIXTURES, "broken.json")], db);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /broken\.json: not valid JSON/);
    const missing = await dsr(["assess", "new", "--country", "BR", "--answers", join(dir, "nope.json")], db);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.json: cannot be read/);
    assert.equal(JSON.parse((await dsr(["assess", "list", "--json"], db)).out).total, before);
  });

  it("needs answers, --defaults or a terminal, and a country for a proposed system", async () => {
    const noTerminal = await dsr(["assess", "new", "--project", "zte-jujuy-surveillance-2019"], db);
    assert.equal(noTerminal.code, 1);
    assert.match(noTerminal.err, /--answers FILE\.json or --defaults/);
    const nothing = await dsr(["assess", "new", "--defaults"], db);
    assert.equal(nothing.code, 1);
    assert.match(nothing.err, /--project <id> or, for a proposed system, --country/);
  });

  it("assesses a proposed Venezuelan system and says there is no general law; update resumes it", async () => {
    const file = join(dir, "ve.json");
    writeFileSync(file, JSON.stringify({ country: "VE", answers: { "system.category": "national_id", "data.categories": ["id_numbers", "social_programme_links"] } }));
    const r = await dsr(["assess", "new", "--answers", file, "--json"], db);
    assert.equal(r.code, 0, r.err);
    const a = JSON.parse(r.out);
    assert.equal(a.country, "VE");
    const patch = join(dir, "patch.json");
    writeFileSync(patch, JSON.stringify({ "retention.period": "indefinite", "data.categories": null }));
    const u = await dsr(["assess", "update", a.id, "--answers", patch, "--status", "complete", "--json"], db);
    assert.equal(u.code, 0, u.err);
    const updated = JSON.parse(u.out);
    assert.equal(updated.status, "complete");
    assert.equal(updated.answers["retention.period"], "indefinite");
    assert.equal(updated.answers["data.categories"], undefined);
    const html = await dsr(["assess", "report", a.id], db);
    assert.match(html.out, /No general data-protection law\./);
    const laws = await dsr(["assess", "laws", "VE", "--json"], db);
    assert.equal(JSON.parse(laws.out).generalLaw, null);
    const all = await dsr(["assess", "laws"], db);
    assert.equal(all.out.trim().split("\n").length, 2 + 33);
  });

  it("report --format pdf writes a PDF when chromium is installed", async (t) => {
    if (!chromiumAvailable()) {
      t.skip("chromium not installed (apt-get install chromium)");
      return;
    }
    const list = JSON.parse((await dsr(["assess", "list", "--json"], db)).out);
    const id = list.items[0].id as string;
    const out = join(dir, "r.pdf");
    const r = await dsr(["assess", "report", id, "--format", "pdf", "--out", out], db);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(out).subarray(0, 5).toString("latin1"), "%PDF-");
  });

  it("report refuses an unknown format or id", async () => {
    const f = await dsr(["assess", "report", "pia-x", "--format", "docx"], db);
    assert.equal(f.code, 1);
    assert.match(f.err, /--format must be html, pdf, json/);
    const id = await dsr(["assess", "report", "pia-x"], db);
    assert.equal(id.code, 1);
    assert.match(id.err, /no assessment with id "pia-x"/);
  });
});
