// The PostgreSQL worker crash tier of npm run test:reliability: 20 seeded kill points.
import { workerCrash } from "./worker-crash.js";

workerCrash({ runs: 20, docs: 60, seed: 2026 });
