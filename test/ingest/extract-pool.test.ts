// The extract pool: the same outcome in a worker as in the calling thread, many jobs at once, a
// crashed worker failing only its own job, and the compiled entry loading under plain node.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { after, describe, it } from "node:test";
import { type ExtractJob, type ExtractPool, createExtractPool, processDocument } from "../../src/ingest/extract-pool.js";

const ARTICLES = fileURLToPath(new URL("../fixtures/dev-articles/", import.meta.url));
const DIST_POOL = fileURLToPath(new URL("../../dist/ingest/extract-pool.js", import.meta.url));
const run = promisify(execFile);

/** A few development articles in three languages, each with at least one deal. */
const names = readdirSync(ARTICLES)
  .filter((f) => /^(101|105|114|125|128)_.*\.txt$/.test(f))
  .sort();

/** A fresh job each time: a pool may transfer (and so empty) the bytes it is given. */
function articleJob(file: string): ExtractJob {
  return { bytes: readFileSync(ARTICLES + file), name: file };
}

const page = (n: number) =>
  `<!DOCTYPE html><html lang="es"><head><title>Nota ${n}</title><meta property="article:published_time" content="2019-03-0${(n % 9) + 1}"></head>
  <body><nav>Inicio | Política</nav><article><p>La provincia de Jujuy firmó un contrato de US$ ${n + 10} millones con ZTE para instalar ${n + 100} cámaras de videovigilancia en San Salvador de Jujuy.</p>
  <p>El acuerdo fue anunciado por el gobernador, que destacó la cooperación con China en materia de seguridad.</p></article><footer>© Diario</footer></body></html>`;

function pageJob(n: number): ExtractJob {
  return { bytes: Buffer.from(page(n)), name: `nota-${n}.html` };
}

function pool(options: Parameters<typeof createExtractPool>[0]): ExtractPool {
  const p = createExtractPool(options);
  after(() => p.close());
  return p;
}

describe("extract pool", () => {
  // One pool for most tests: starting a worker under tsx costs most of a second. The faults fire
  // only on these job names.
  const workers = pool({ threads: 2, faults: { crashOn: "boom.html", exitOn: "exit.html", throwOn: "bad.html" } });

  it("reads and extracts the same deals in a worker as in the calling thread", async () => {
    assert.equal(names.length, 5);
    const inWorkers = await Promise.all(names.map((n) => workers.run(articleJob(n))));
    for (const [i, name] of names.entries()) {
      const here = await processDocument(articleJob(name));
      assert.ok(here.deals.length > 0, `${name} states a deal`);
      assert.deepEqual(inWorkers[i], here, name);
    }
  });

  it("uses the document's published date to read relative dates", async () => {
    const bytes = Buffer.from(
      `<html><head><meta property="article:published_time" content="2018-06-01"></head><body><article><p>En marzo, el municipio de Rosario firmó un contrato de US$ 3 millones con Hikvision para instalar 500 cámaras de seguridad en el centro de la ciudad.</p></article></body></html>`,
    );
    const { read, deals } = await workers.run({ bytes, name: "rosario.html" });
    assert.ok(read.ok);
    assert.equal(read.doc.published, "2018-06-01");
    assert.equal(deals[0]?.year, 2018);
  });

  it("resolves every one of many jobs queued at once with its own outcome", async () => {
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, n) => workers.run(pageJob(n))));
    for (const [n, { read, deals }] of outcomes.entries()) {
      assert.ok(read.ok);
      assert.equal(read.doc.title, `Nota ${n}`);
      assert.equal(deals.length, 1);
      assert.equal(deals[0]?.amount?.value, (n + 10) * 1_000_000);
    }
  });

  it("gives an unread outcome, not a rejection, for a document it cannot read", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const outcome = await workers.run({ bytes: png, name: "scan.png" });
    assert.equal(outcome.read.ok, false);
    assert.match(outcome.read.ok ? "" : outcome.read.error, /^scan\.png: /);
    assert.deepEqual(outcome.deals, []);
  });

  it("gives no deals and no error for a document without text", async () => {
    const outcome = await workers.run({ bytes: Buffer.from("  \n\n "), name: "blank.txt" });
    assert.ok(outcome.read.ok);
    assert.deepEqual(outcome.deals, []);
  });

  it("rejects only the job whose worker crashed, naming it, and keeps working", async () => {
    const [before, boom, next] = await Promise.allSettled([workers.run(pageJob(1)), workers.run({ ...pageJob(2), name: "boom.html" }), workers.run(pageJob(3))]);
    assert.equal(before.status, "fulfilled");
    assert.equal(boom.status, "rejected");
    assert.match(boom.status === "rejected" ? String(boom.reason) : "", /boom\.html: the extract worker crashed \(test crash on boom\.html\)/);
    assert.equal(next.status === "fulfilled" && next.value.deals.length, 1);
    assert.equal((await workers.run(pageJob(4))).deals.length, 1);
  });

  it("gives a job queued behind the crash in the same worker to a new worker", async () => {
    const single = pool({ threads: 1, faults: { crashOn: "boom.html" } });
    const [boom, behind, last] = await Promise.allSettled([single.run({ ...pageJob(1), name: "boom.html" }), single.run(pageJob(2)), single.run(pageJob(3))]);
    assert.match(boom.status === "rejected" ? String(boom.reason) : "", /boom\.html: the extract worker crashed .* while reading this document/);
    assert.equal(behind.status === "fulfilled" && behind.value.read.ok && behind.value.read.doc.title, "Nota 2");
    assert.equal(last.status === "fulfilled" && last.value.read.ok && last.value.read.doc.title, "Nota 3");
  });

  it("rejects the job of a worker that exits, and the next job succeeds", async () => {
    await assert.rejects(workers.run({ ...pageJob(1), name: "exit.html" }), /exit\.html: the extract worker exited with code 3/);
    assert.equal((await workers.run(pageJob(2))).deals.length, 1);
  });

  it("rejects a job that throws in the worker, naming it, without losing the worker", async () => {
    await assert.rejects(workers.run({ ...pageJob(1), name: "bad.html" }), /bad\.html: extraction failed: test failure on bad\.html/);
    assert.equal((await workers.run(pageJob(2))).deals.length, 1);
  });

  it("transfers a buffer it owns whole and copies a view into a larger one", async () => {
    const owned = new Uint8Array(Buffer.from(page(5)));
    await workers.run({ bytes: owned, name: "owned.html" });
    assert.equal(owned.byteLength, 0, "transferred, so detached here");

    const text = page(6);
    const big = Buffer.from(`${"x".repeat(100)}${text}${"y".repeat(100)}`);
    const view = big.subarray(100, 100 + Buffer.byteLength(text));
    const { read } = await workers.run({ bytes: view, name: "view.html" });
    assert.equal(read.ok && read.doc.title, "Nota 6");
    assert.equal(view.toString(), text, "copied, so untouched here");
  });

  it("fails every job with the reason when its workers cannot start", async () => {
    const broken = pool({ threads: 2, faults: { failStart: true } });
    const jobs = await Promise.allSettled([broken.run(pageJob(1)), broken.run(pageJob(2)), broken.run(pageJob(3))]);
    for (const [i, job] of jobs.entries()) {
      assert.match(job.status === "rejected" ? String(job.reason) : "", new RegExp(`nota-${i + 1}\\.html: an extract worker crashed \\(test failure while starting\\) while starting`));
    }
    await assert.rejects(broken.run(pageJob(4)), /nota-4\.html: an extract worker crashed/);
  });

  it("rejects queued jobs on close, and any job after it", async () => {
    const closing = createExtractPool({ threads: 1 });
    const queued = Promise.allSettled([closing.run(pageJob(1)), closing.run(pageJob(2))]);
    await closing.close();
    assert.deepEqual(
      (await queued).map((job) => job.status === "rejected" && String(job.reason)),
      ["Error: nota-1.html: the extract pool is closed", "Error: nota-2.html: the extract pool is closed"],
    );
    await assert.rejects(closing.run(pageJob(3)), /nota-3\.html: the extract pool is closed/);
  });

  it("runs in the calling thread with threads: 0, and refuses a bad thread count", async () => {
    const here = createExtractPool({ threads: 0 });
    assert.equal(here.threads, 0);
    assert.equal((await here.run(pageJob(1))).deals.length, 1);
    await here.close();
    await assert.rejects(here.run(pageJob(2)), /closed/);
    assert.throws(() => createExtractPool({ threads: -1 }), RangeError);
    assert.throws(() => createExtractPool({ threads: 1.5 }), RangeError);
  });

  it("loads its compiled worker from dist/ under plain node", { skip: !existsSync(DIST_POOL) && "dist/ is not built" }, async () => {
    const code = `
      import { createExtractPool } from ${JSON.stringify(pathToFileURL(DIST_POOL).href)};
      const pool = createExtractPool({ threads: 1 });
      const { deals } = await pool.run({ bytes: Buffer.from(${JSON.stringify(page(7))}), name: "nota.html" });
      await pool.close();
      process.stdout.write(JSON.stringify(deals.map((d) => d.vendors)));`;
    // Plain node: no tsx loader in the child or its worker.
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], { env: { ...process.env, NODE_OPTIONS: "" } });
    assert.deepEqual(JSON.parse(stdout), [["ZTE"]]);
  });
});
