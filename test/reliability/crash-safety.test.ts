// The short variant of the crash-safety tier, run by npm test (the long one: crash-safety.reliability.ts).
import { crashSafety } from "./crash-safety.js";

crashSafety({ runs: 3, docs: 16, seed: 9, thorough: false });
