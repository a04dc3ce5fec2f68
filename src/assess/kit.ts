// The questionnaire and the two knowledge bases, read once per folder and kept: they are data
// shipped with the package and do not change while the program runs. Read on first use, never at
// import time.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type KnowledgeBase, readKnowledgeBase } from "./laws.js";
import { DEFAULT_ASSESS_DIR, type Questionnaire, readQuestionnaire } from "./questionnaire.js";

export interface AssessKit {
  questionnaire: Questionnaire;
  kb: KnowledgeBase;
}

const kits = new Map<string, AssessKit>();

/** The assess data of a data folder (its `assess/` subfolder when present, else the shipped one). */
export function assessKit(dataDir?: string): AssessKit {
  const dir = dataDir && existsSync(join(dataDir, "assess")) ? join(dataDir, "assess") : DEFAULT_ASSESS_DIR;
  let kit = kits.get(dir);
  if (!kit) {
    kit = { questionnaire: readQuestionnaire(dir), kb: readKnowledgeBase(dir) };
    kits.set(dir, kit);
  }
  return kit;
}
