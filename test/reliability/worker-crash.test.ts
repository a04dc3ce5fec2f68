// The short variant of the PostgreSQL worker crash tier, run by npm test when DATABASE_URL is set
// (the long one: worker-crash.reliability.ts).
import { workerCrash } from "./worker-crash.js";

workerCrash({ runs: 3, docs: 12, seed: 11 });
