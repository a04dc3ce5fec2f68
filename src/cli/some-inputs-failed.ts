// The outcome of a batch command where some inputs failed and the rest went through; main.ts maps
// it to exit status 2 (1 when none went through).
export class SomeInputsFailed extends Error {
  constructor(
    readonly failed: number,
    readonly total: number,
  ) {
    super(`${failed} of ${total} inputs could not be read`);
  }
}
