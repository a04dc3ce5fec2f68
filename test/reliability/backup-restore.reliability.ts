// The backup tier of npm run test:reliability: backups at seeded commits of a running ingest.
import { backupUnderWrites } from "./backup-restore.js";

backupUnderWrites({ backups: 6, docs: 60, seed: 31 });
