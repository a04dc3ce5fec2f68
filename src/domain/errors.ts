// Typed domain errors. Adapters map them to exit codes and HTTP statuses in one place each
// (cli/run-command.ts, api/error-handler.ts); the domain never knows about either.

/** Base of every error whose message a user can act on. */
export class DsrError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller asked for something in a malformed way (bad flag, bad query value). */
export class UsageError extends DsrError {}

/** A named record does not exist. */
export class NotFoundError extends DsrError {}

/** Input data (a bundled file, an import) does not have the shape it must have. */
export class InvalidDataError extends DsrError {}

/** The database file cannot be used: corrupt, foreign, or newer than this program. */
export class DatabaseFileError extends DsrError {}
