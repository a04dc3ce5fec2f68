// The concurrency tier of npm run test:reliability: 4 ingesting processes and 100 API readers for 60 s.
import { concurrency } from "./concurrency.js";

concurrency({ seconds: 60, ingesters: 4, readers: 100, maxRequests: 200_000, batches: 15, docsPerBatch: 8, seed: 60 });
