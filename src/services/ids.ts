// Ids for records machines and editors make: a ULID (time-ordered, so ids sort by creation) with a
// prefix naming the kind. Math.random is enough for uniqueness here; the default generator's
// cryptographic randomness cost more than the rest of creating a project.
import { monotonicFactory } from "ulid";

const next = monotonicFactory(() => Math.random());

export const newProjectId = (): string => `p-${next().toLowerCase()}`;
export const newNoteId = (): string => `note-${next().toLowerCase()}`;
export const newAssessmentId = (): string => `pia-${next().toLowerCase()}`;
export const newImportRunId = (): string => `run-${next().toLowerCase()}`;
export const newWatchSourceId = (): string => `ws-${next().toLowerCase()}`;
export const newSavedSearchId = (): string => `ss-${next().toLowerCase()}`;
export const newAlertId = (): string => `al-${next().toLowerCase()}`;
