// Walking input folders: sorted, recursive, documents only, hidden entries skipped, symlink loops
// and unreadable or missing paths reported as entries; then every entry read, errors included.
import assert from "node:assert/strict";
import { accessSync, chmodSync, constants, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readDocumentFile } from "../../src/ingest/read-document.js";
import { type InputEntry, walkInputs } from "../../src/ingest/walk-inputs.js";
import { tempDir } from "../helpers.js";
import { minimalPdf } from "./document-fixtures.js";

async function collect(paths: string[], extensions?: Set<string>): Promise<InputEntry[]> {
  const entries: InputEntry[] = [];
  for await (const entry of walkInputs(paths, extensions === undefined ? {} : { extensions })) entries.push(entry);
  return entries;
}

/** True when file permissions do not stop this process (root): chmod 000 then reads nothing less. */
function permissionsIgnored(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

describe("walkInputs", () => {
  const root = tempDir();
  const corpus = join(root, "corpus");
  mkdirSync(join(corpus, "b-notas", "sub"), { recursive: true });
  mkdirSync(join(corpus, ".git"));
  writeFileSync(join(corpus, "c.html"), "<p>c</p>");
  writeFileSync(join(corpus, "A.TXT"), "a");
  writeFileSync(join(corpus, "a.pdf"), minimalPdf(["a"]));
  writeFileSync(join(corpus, "b-notas", "z.md"), "z");
  writeFileSync(join(corpus, "b-notas", "sub", "y.docx"), "y");
  writeFileSync(join(corpus, "README"), "sin extensión");
  writeFileSync(join(corpus, "foto.png"), "png");
  writeFileSync(join(corpus, ".oculto.txt"), "oculto");
  writeFileSync(join(corpus, ".git", "HEAD.txt"), "ref");

  it("yields the documents under a folder, depth first in code-point order, skipping hidden and other files", async () => {
    assert.deepEqual(await collect([corpus]), [
      { path: join(corpus, "A.TXT") },
      { path: join(corpus, "a.pdf") },
      { path: join(corpus, "b-notas", "sub", "y.docx") },
      { path: join(corpus, "b-notas", "z.md") },
      { path: join(corpus, "c.html") },
    ]);
  });

  it("yields a named file as itself whatever its extension, hidden or not, and takes chosen extensions", async () => {
    assert.deepEqual(await collect([join(corpus, "README"), join(corpus, ".oculto.txt")]), [
      { path: join(corpus, "README") },
      { path: join(corpus, ".oculto.txt") },
    ]);
    assert.deepEqual(await collect([corpus], new Set([".png"])), [{ path: join(corpus, "foto.png") }]);
  });

  it("reports a missing path and goes on", async () => {
    const missing = join(root, "no-existe");
    assert.deepEqual(await collect([missing, join(corpus, "c.html")]), [
      { path: missing, error: `${missing}: no such file or directory` },
      { path: join(corpus, "c.html") },
    ]);
  });

  it("follows symbolic links but reports a loop once, by the path that closes it", async () => {
    const dir = join(root, "con-enlaces");
    mkdirSync(join(dir, "a"), { recursive: true });
    writeFileSync(join(dir, "a", "nota.txt"), "nota");
    symlinkSync(join(dir, "a"), join(dir, "atajo")); // a second way into a/: walked once
    symlinkSync(dir, join(dir, "a", "vuelta")); // a/vuelta → the folder above: a loop
    symlinkSync("mismo.txt", join(dir, "mismo.txt")); // a link to itself
    symlinkSync(join(dir, "borrado.txt"), join(dir, "roto.txt"));
    assert.deepEqual(await collect([dir]), [
      { path: join(dir, "a", "nota.txt") },
      { path: join(dir, "a", "vuelta"), error: `${join(dir, "a", "vuelta")}: symlink loop (leads back to ${dir})` },
      { path: join(dir, "mismo.txt"), error: `${join(dir, "mismo.txt")}: symlink loop` },
      { path: join(dir, "roto.txt"), error: `${join(dir, "roto.txt")}: broken symbolic link` },
    ]);
  });

  describe("unreadable entries", () => {
    const dir = join(root, "permisos");
    const file = join(dir, "cerrado.txt");
    const closed = join(dir, "cerrada");
    mkdirSync(closed, { recursive: true });
    writeFileSync(join(closed, "dentro.txt"), "dentro");
    writeFileSync(file, "secreto");
    chmodSync(file, 0o000);
    chmodSync(closed, 0o000);
    after(() => chmodSync(closed, 0o755)); // so tempDir's cleanup can enter it

    it("reports an unreadable file and folder as permission denied (as root, which permissions do not stop, reads them)", async () => {
      const entries = await collect([dir]);
      if (permissionsIgnored(file)) {
        assert.deepEqual(entries, [{ path: join(closed, "dentro.txt") }, { path: file }]);
        assert.equal((await readDocumentFile(file)).ok, true);
      } else {
        assert.deepEqual(entries, [
          { path: closed, error: `${closed}: permission denied` },
          { path: file, error: `${file}: permission denied` },
        ]);
      }
    });
  });
});

describe("a folder of mixed documents, read", () => {
  it("reads a Latin-1 page with its accents, and reports an empty file by name", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "vacio.txt"), "");
    writeFileSync(
      join(dir, "nota.htm"),
      Buffer.from('<html><head><meta charset="iso-8859-1"><title>Licitación de cámaras</title></head><body><p>La Policía Nacional adjudicó a Dahua la instalación de cámaras.</p></body></html>', "latin1"),
    );
    const results = [];
    for await (const entry of walkInputs([dir])) {
      assert.ok(!("error" in entry));
      results.push(await readDocumentFile(entry.path));
    }
    assert.equal(results.length, 2);
    const [page, empty] = results;
    assert.ok(page?.ok);
    assert.equal(page.doc.encoding, "windows-1252");
    assert.equal(page.doc.title, "Licitación de cámaras");
    assert.match(page.doc.text, /Policía Nacional adjudicó a Dahua la instalación de cámaras/);
    assert.deepEqual(empty, { ok: false, error: `${join(dir, "vacio.txt")}: empty file (0 bytes)` });
  });
});
