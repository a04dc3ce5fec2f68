// Input paths → the document files to read: files as given, folders walked recursively in sorted
// order. Problems (missing paths, unreadable folders, symlink loops) come out as entries, never throws.
import { type Dirent, type Stats, constants } from "node:fs";
import { access, readdir, realpath, stat } from "node:fs/promises";
import { extname, join } from "node:path";

/**
 * What a folder walk picks up. Files without an extension are left out ("README", "Makefile" and
 * the like outnumber saved pages without one); name such a file and it is read, its content sniffed.
 */
export const DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set([".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".docx"]);

/** `error` names the path, e.g. "corpus/a: symlink loop (leads back to corpus)". */
export type InputEntry = { path: string } | { path: string; error: string };

export interface WalkOptions {
  /** Lower-case extensions with the dot; default DOCUMENT_EXTENSIONS. */
  extensions?: ReadonlySet<string>;
}

/**
 * Yields every input: a file path as itself (whatever its extension), and the document files
 * under a folder — depth first, names in code-point order, hidden files and folders (".name")
 * skipped, symbolic links followed. A folder reached twice (two links to it) is walked once.
 * @example for await (const entry of walkInputs(["corpus"])) if ("error" in entry) console.error(entry.error); else read(entry.path);
 */
export async function* walkInputs(paths: readonly string[], options: WalkOptions = {}): AsyncGenerator<InputEntry> {
  const extensions = options.extensions ?? DOCUMENT_EXTENSIONS;
  const walked = new Set<string>();
  for (const path of paths) {
    const info = await statOrError(path);
    if ("error" in info) yield info;
    else if (info.stats.isDirectory()) yield* walkDirectory(path, extensions, walked, []);
    else yield { path };
  }
}

/** `ancestors`: real paths of the folders above, with the path that reached each, to name a loop. */
async function* walkDirectory(
  dir: string,
  extensions: ReadonlySet<string>,
  walked: Set<string>,
  ancestors: ReadonlyArray<{ real: string; path: string }>,
): AsyncGenerator<InputEntry> {
  let real: string;
  let children: Dirent[];
  try {
    real = await realpath(dir);
    const loop = ancestors.find((a) => a.real === real);
    if (loop !== undefined) {
      yield { path: dir, error: `${dir}: symlink loop (leads back to ${loop.path})` };
      return;
    }
    if (walked.has(real)) return;
    walked.add(real);
    children = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    yield { path: dir, error: `${dir}: ${describeFsError(error)}` };
    return;
  }
  const below = [...ancestors, { real, path: dir }];
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of children) {
    if (child.name.startsWith(".")) continue;
    const path = join(dir, child.name);
    const wanted = extensions.has(extname(child.name).toLowerCase());
    if (child.isDirectory()) {
      yield* walkDirectory(path, extensions, walked, below);
    } else if (child.isFile()) {
      if (wanted) yield await readableOrError(path);
    } else if (child.isSymbolicLink()) {
      const info = await statOrError(path, "broken symbolic link");
      if ("error" in info) yield info;
      else if (info.stats.isDirectory()) yield* walkDirectory(path, extensions, walked, below);
      else if (info.stats.isFile() && wanted) yield await readableOrError(path);
    } else if (wanted) {
      // A FIFO or socket named like a document would block or fail the reader.
      yield { path, error: `${path}: not a regular file` };
    }
  }
}

/** `missing` replaces "no such file or directory" (a link whose target is gone). */
async function statOrError(path: string, missing?: string): Promise<{ stats: Stats } | { path: string; error: string }> {
  try {
    return { stats: await stat(path) };
  } catch (error) {
    // Per-input failures are results (batch habit), not exceptions.
    const reason = describeFsError(error);
    return { path, error: `${path}: ${missing !== undefined && reason === "no such file or directory" ? missing : reason}` };
  }
}

/** Unreadable files are reported here, so a batch counts them at the walk rather than at the read. */
async function readableOrError(path: string): Promise<InputEntry> {
  try {
    await access(path, constants.R_OK);
    return { path };
  } catch (error) {
    return { path, error: `${path}: ${describeFsError(error)}` };
  }
}

function describeFsError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "symlink loop";
    case "ENOTDIR":
      return "not a directory";
    default:
      return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}
