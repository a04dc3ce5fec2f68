// The audit trail: who changed what, when, from which value to which. Append-only.
import type { Executor } from "./executor.js";
import { nowIso } from "./executor.js";

export interface AuditEvent {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export async function recordAudit(db: Executor, e: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      at: nowIso(),
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export async function auditOf(db: Executor, entity: string, entityId: string) {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .orderBy("id")
    .execute();
}
