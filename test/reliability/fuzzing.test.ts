// The short variant of the fuzzing tier, run by npm test (the long one: fuzzing.reliability.ts).
import { fuzzing } from "./fuzzing.js";

fuzzing({ runs: 500, seed: 42 });
