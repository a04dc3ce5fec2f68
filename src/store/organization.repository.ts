// Organizations and their aliases: the gazetteer in the database, and the name → id linker
// built from it.
import type { OrganizationLinker } from "../domain/project.js";
import { foldKey } from "../domain/text.js";
import { sql } from "kysely";
import type { Executor } from "./executor.js";
import { FAMILY_UPDATE } from "./organization-families.js";

export interface OrganizationInput {
  id: string;
  name: string;
  fullName: string | null;
  kind: string;
  homeCountry: string | null;
  parent: string | null;
  aliases: string[];
  sources: string[];
  origin: string;
}

/** Writes organizations and replaces their aliases. Parents may come later in the list. */
export async function upsertOrganizations(db: Executor, orgs: readonly OrganizationInput[]): Promise<void> {
  // Two passes so that a parent listed after its child exists when the link is written.
  for (const o of orgs) {
    const row = {
      name: o.name,
      full_name: o.fullName,
      kind: o.kind,
      home_country: o.homeCountry,
      sources: JSON.stringify(o.sources),
      origin: o.origin,
    };
    await db
      .insertInto("organizations")
      .values({ id: o.id, parent_id: null, ...row })
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute();
  }
  for (const o of orgs) {
    await db.updateTable("organizations").set({ parent_id: o.parent }).where("id", "=", o.id).execute();
    await db.deleteFrom("organization_aliases").where("organization_id", "=", o.id).execute();
    const names = new Map<string, string>();
    for (const alias of [o.name, o.fullName, ...o.aliases]) {
      if (!alias) continue;
      const key = foldKey(alias);
      if (key && !names.has(key)) names.set(key, alias);
    }
    if (names.size === 0) continue;
    await db
      .insertInto("organization_aliases")
      .values([...names].map(([alias_key, alias]) => ({ organization_id: o.id, alias, alias_key })))
      .execute();
  }
  await sql`${sql.raw(FAMILY_UPDATE)}`.execute(db);
}

/** A linker from any known name or alias (case and accents folded) to an organization. */
export async function organizationLinker(db: Executor): Promise<OrganizationLinker> {
  const rows = await db
    .selectFrom("organization_aliases")
    .innerJoin("organizations", "organizations.id", "organization_aliases.organization_id")
    .select(["organization_aliases.alias_key", "organizations.id", "organizations.name"])
    .execute();
  const map = new Map<string, { id: string; name: string }>();
  for (const r of rows) if (!map.has(r.alias_key)) map.set(r.alias_key, { id: r.id, name: r.name });
  return (name) => map.get(foldKey(name)) ?? null;
}

/** The organization a name refers to plus all its subsidiaries, or [] when the name is unknown. */
export async function organizationWithSubsidiaries(db: Executor, name: string): Promise<string[]> {
  const hit = await db
    .selectFrom("organization_aliases")
    .select("organization_id")
    .where("alias_key", "=", foldKey(name))
    .executeTakeFirst();
  if (!hit) return [];
  const all = await db.selectFrom("organizations").select(["id", "parent_id"]).execute();
  const children = new Map<string, string[]>();
  for (const o of all) if (o.parent_id) children.set(o.parent_id, [...(children.get(o.parent_id) ?? []), o.id]);
  const out = new Set<string>([hit.organization_id]);
  const queue = [hit.organization_id];
  while (queue.length) {
    for (const c of children.get(queue.pop() as string) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        queue.push(c);
      }
    }
  }
  return [...out];
}

export async function countOrganizations(db: Executor): Promise<number> {
  const r = await db.selectFrom("organizations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every organization with its names, for the resolver's in-memory index. */
export async function organizationsWithAliases(db: Executor): Promise<{ id: string; name: string; parentId: string | null; aliases: string[] }[]> {
  const orgs = await db.selectFrom("organizations").select(["id", "name", "parent_id"]).orderBy("id").execute();
  const aliases = await db.selectFrom("organization_aliases").select(["organization_id", "alias"]).execute();
  const byOrg = new Map<string, string[]>();
  for (const a of aliases) byOrg.set(a.organization_id, [...(byOrg.get(a.organization_id) ?? []), a.alias]);
  return orgs.map((o) => ({ id: o.id, name: o.name, parentId: o.parent_id, aliases: byOrg.get(o.id) ?? [] }));
}

/** A free id for a new organization named `name`: its slug, with a number when taken. */
export async function freeOrganizationId(db: Executor, name: string): Promise<string> {
  const base = foldKey(name).replace(/ /g, "-").slice(0, 60) || "organization";
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    const taken = await db.selectFrom("organizations").select("id").where("id", "=", id).executeTakeFirst();
    if (!taken) return id;
  }
}

/** An organization made from a name no gazetteer entry knows; it waits for review as a candidate. */
export async function insertCandidateOrganization(db: Executor, org: { id: string; name: string; kind: string }): Promise<void> {
  await db
    .insertInto("organizations")
    .values({ id: org.id, name: org.name, full_name: null, kind: org.kind, home_country: null, parent_id: null, sources: "[]", origin: "extracted", review_state: "candidate", family_id: org.id })
    .execute();
  await addOrganizationAlias(db, org.id, org.name);
}

/** Records another way of writing an organization's name, so later reads link it directly. */
export async function addOrganizationAlias(db: Executor, organizationId: string, alias: string): Promise<void> {
  const key = foldKey(alias);
  if (!key) return;
  await db.insertInto("organization_aliases").values({ organization_id: organizationId, alias, alias_key: key }).onConflict((oc) => oc.doNothing()).execute();
}

type OrganizationRow = { id: string; name: string; full_name: string | null; kind: string; home_country: string | null; parent_id: string | null; review_state: string; projects: number };

function organizationView(r: OrganizationRow) {
  return {
    id: r.id, name: r.name, fullName: r.full_name, kind: r.kind, homeCountry: r.home_country, parentId: r.parent_id,
    reviewState: r.review_state, projects: Number(r.projects),
  };
}

const projectCount = sql<number>`(select count(distinct pp.project_id) from project_parties pp where pp.organization_id = organizations.id)`;

/** Organizations with how many projects each is a party to; `q` matches any alias (folded). */
export async function listOrganizations(db: Executor, f: { q?: string | undefined; kind?: string | undefined; limit: number; offset: number }) {
  let q = db.selectFrom("organizations");
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.q) {
    const key = `%${foldKey(f.q).replace(/[%_]/g, "")}%`;
    q = q.where("id", "in", (eb) => eb.selectFrom("organization_aliases").select("organization_id").where("alias_key", "like", key));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select(["id", "name", "full_name", "kind", "home_country", "parent_id", "review_state", projectCount.as("projects")])
    .orderBy("projects", "desc")
    .orderBy("name")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { items: rows.map(organizationView), total: Number(total.n) };
}

export async function organizationById(db: Executor, id: string) {
  const r = await db
    .selectFrom("organizations")
    .select(["id", "name", "full_name", "kind", "home_country", "parent_id", "review_state", "sources", projectCount.as("projects")])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!r) return null;
  const aliases = await db.selectFrom("organization_aliases").select("alias").where("organization_id", "=", id).orderBy("alias").execute();
  const children = await db
    .selectFrom("organizations")
    .select(["id", "name", "full_name", "kind", "home_country", "parent_id", "review_state", projectCount.as("projects")])
    .where("parent_id", "=", id)
    .orderBy("name")
    .execute();
  return { ...organizationView(r), sources: JSON.parse(r.sources) as string[], aliases: aliases.map((a) => a.alias), subsidiaries: children.map(organizationView) };
}

/** In how many projects the given organizations play each role. */
export async function rolesOf(db: Executor, ids: readonly string[]): Promise<{ role: string; projects: number }[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("project_parties")
    .select(["role", sql<number>`count(distinct project_id)`.as("projects")])
    .where("organization_id", "in", [...ids])
    .groupBy("role")
    .orderBy("projects", "desc")
    .execute();
  return rows.map((r) => ({ role: r.role, projects: Number(r.projects) }));
}
