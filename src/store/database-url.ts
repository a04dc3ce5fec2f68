// What a database setting names — a PostgreSQL URL, or an SQLite file (`sqlite:PATH` or a bare
// path) — without loading either driver, so commands can decide before opening anything.

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/** The file an SQLite setting names: sqlite:PATH, sqlite://PATH, or the path itself. */
export function sqliteFileOf(target: string): string {
  return /^sqlite:(?:\/\/)?(.+)$/i.exec(target)?.[1] ?? target;
}

/** The URL with its password hidden, for messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}
