// The crash-safety tier of npm run test:reliability: 20 seeded kill points.
import { crashSafety } from "./crash-safety.js";

crashSafety({ runs: 20, docs: 40, seed: 2026, thorough: true });
