// Entry point of the `dsr` binary.
import { processIo, runCli } from "./main.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
