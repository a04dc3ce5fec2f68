// The change log's upkeep (migration 010): readers more than REBUILD_AFTER changes behind build
// their index afresh, so only the recent end of the log is ever read; the rest goes when a store closes.

/** Changes kept: twice what a reader may be behind before it rebuilds instead of catching up. */
export const KEPT_PROJECT_CHANGES = 100_000;

/** The same statement on both databases. */
export const PRUNE_PROJECT_CHANGES = `delete from project_changes where id < (select max(id) from project_changes) - ${KEPT_PROJECT_CHANGES}`;
