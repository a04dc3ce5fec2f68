// The fuzzing tier of npm run test:reliability: 10,000 generated inputs per target.
import { fuzzing } from "./fuzzing.js";

fuzzing({ runs: 10_000, seed: 20_261_126 });
