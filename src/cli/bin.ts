// Entry point of the `dsr` binary.
import { processIo, runCli } from "./main.js";

// A command whose work is left waiting on something that can never happen would otherwise end
// with nothing printed and exit code 0 (the event loop empties under a pending promise): say so,
// and fail.
let finished = false;
// 'beforeExit' comes only when the loop empties, never on an explicit process.exit (EPIPE, ^C ^C).
process.once("beforeExit", () => {
  if (finished) return;
  process.stderr.write("dsr: internal error: the command stopped before finishing (work left waiting); nothing after the last reported step was done\n");
  process.exitCode = 1;
});
process.exitCode = await runCli(process.argv.slice(2), processIo());
finished = true;
