// The short variant of the concurrency tier, run by npm test (the long one: concurrency.reliability.ts):
// two writers are enough to catch a transaction that cannot wait for another process's lock.
import { concurrency } from "./concurrency.js";

concurrency({ seconds: 3, ingesters: 2, readers: 50, maxRequests: 3_000, batches: 1, docsPerBatch: 4, seed: 5 });
