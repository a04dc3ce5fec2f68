// The short variant of the backup tier, run by npm test (the long one: backup-restore.reliability.ts).
import { backupUnderWrites } from "./backup-restore.js";

backupUnderWrites({ backups: 1, docs: 16, seed: 3 });
