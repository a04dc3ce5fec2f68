// Resolution over the store: links each pending mention's parties to organizations (new names
// become candidate organizations), joins the mention to the project it describes or starts one,
// writes its claims and refreshes the project — one transaction per document, safe to repeat.
import { SOURCE_LICENSED_ORIGINS } from "../domain/licenses.js";
import { type FxTable, toUsd } from "../domain/money.js";
import type { OrganizationLinker } from "../domain/project.js";
import { CATEGORIES, type Category, type OrgKind, type Role } from "../domain/vocabulary.js";
import type { ExtractedDeal } from "../extract/deal.js";
import { type Candidate, type DealProfile, categoriesCompatible, matchProject } from "../resolve/cluster.js";
import { mentionClaims } from "../resolve/mention-claims.js";
import { OrganizationIndex } from "../resolve/organization-index.js";
import { projectTitle } from "../resolve/project-title.js";
import { resolutionRules } from "../resolve/rules.js";
import { type Executor, inTransaction } from "../store/executor.js";
import { type StoredMention, documentsWithPendingMentions, pendingMentions, projectsWithMentionOf, setMentionProject } from "../store/mention.repository.js";
import {
  addOrganizationAlias,
  freeOrganizationId,
  insertCandidateOrganization,
  organizationsWithAliases,
} from "../store/organization.repository.js";
import { type ProjectProfileRow, insertClaims, projectsWithClaimsOfOrigin, projectsWithParties } from "../store/project.repository.js";
import { newProjectId } from "./ids.js";
import { createProject, refreshProject } from "./projects.service.js";

export const EXTRACTED_ORIGIN = "extracted";

/** Origins of structured sources: their claims keep the source's origin (and so its licence) and their projects its title. */
export const IMPORTED_ORIGINS: ReadonlySet<string> = new Set(SOURCE_LICENSED_ORIGINS);

/** What resolution needs across documents: the money table and the organizations it links to. */
export interface Resolver {
  fx: FxTable;
  index: OrganizationIndex;
  link: OrganizationLinker;
}

export interface ResolveOutcome {
  mentions: number;
  /** Projects started by this resolution. */
  created: string[];
  /** Existing projects that gained a source. */
  joined: string[];
}

export async function openResolver(db: Executor, fx: FxTable): Promise<Resolver> {
  const r: Resolver = { fx, index: new OrganizationIndex(await organizationsWithAliases(db)), link: () => null };
  r.link = (name) => {
    const m = r.index.match(name);
    return m ? { id: m.id, name: m.name } : null;
  };
  return r;
}

const SUPPLIER_ROLES: ReadonlySet<string> = new Set(["vendor", "investor", "acquirer", "donor"]);

/** A new organization's kind from the role it plays: a guess a reviewer confirms. */
function kindForRole(role: Role): OrgKind {
  if (role === "vendor" || role === "investor" || role === "acquirer") return "company";
  if (role === "buyer") return "government_agency";
  return "other";
}

/** The organization id for a written name: a known one (learning the spelling) or a new candidate. */
async function linkName(db: Executor, r: Resolver, written: string, role: Role): Promise<string> {
  const found = r.index.match(written);
  if (found) {
    if (found.how !== "alias") {
      await addOrganizationAlias(db, found.id, written);
      r.index.addAlias(found.id, written);
    }
    return found.id;
  }
  const id = await freeOrganizationId(db, written);
  await insertCandidateOrganization(db, { id, name: written, kind: kindForRole(role) });
  r.index.add({ id, name: written, aliases: [], parentId: null });
  return id;
}

function familiesOf(r: Resolver, ids: Iterable<string>): { set: Set<string>; names: Map<string, string> } {
  const set = new Set<string>();
  const names = new Map<string, string>();
  for (const id of ids) {
    const family = r.index.familyOf(id);
    set.add(family);
    names.set(family, r.index.get(family)?.name ?? family);
  }
  return { set, names };
}

async function mentionProfile(db: Executor, r: Resolver, m: StoredMention): Promise<{ profile: DealProfile; families: string[] }> {
  const d: ExtractedDeal = m.deal;
  const vendorIds: string[] = [];
  const financierIds: string[] = [];
  const buyerIds: string[] = [];
  for (const v of d.vendors) vendorIds.push(await linkName(db, r, v, "vendor"));
  for (const f of d.financiers) financierIds.push(await linkName(db, r, f, "financier"));
  if (d.buyer) buyerIds.push(await linkName(db, r, d.buyer, "buyer"));
  for (const p of d.parties) {
    if (p.role === "vendor" || p.role === "financier" || p.role === "buyer") continue;
    const id = await linkName(db, r, p.name, p.role);
    if (SUPPLIER_ROLES.has(p.role)) vendorIds.push(id);
  }
  const vendors = familiesOf(r, vendorIds);
  const financiers = familiesOf(r, financierIds);
  const buyers = familiesOf(r, buyerIds);
  const money = d.amount ? { value: d.amount.value, currency: d.amount.currency, year: d.year } : null;
  // A project with other vendors can never be this deal (a hard rule in cluster.ts), so when the
  // mention names vendors, candidates are looked up by vendor and lender, not by buyer.
  const lookup = vendors.set.size ? [...vendors.set, ...financiers.set] : [...financiers.set, ...buyers.set];
  return {
    families: lookup,
    profile: {
      country: d.country,
      subdivision: d.subdivision,
      city: d.city,
      category: d.category,
      year: d.year,
      yearInferred: d.inferred.includes("year"),
      amount: money ? { value: money.value, currency: money.currency, usd: toUsd(money, r.fx) } : null,
      quantity: d.quantity,
      vendors: vendors.set,
      financiers: financiers.set,
      buyers: buyers.set,
      documentIds: new Set([m.documentId]),
      names: new Map([...vendors.names, ...financiers.names, ...buyers.names]),
    },
  };
}

/** `mentionDocuments`: documents (of those that matter here) whose mentions already joined the project. */
function projectProfile(r: Resolver, p: ProjectProfileRow, mentionDocuments: ReadonlySet<string>): Candidate {
  const ids = (roles: (role: string) => boolean) => p.parties.filter((x) => roles(x.role) && x.organizationId).map((x) => x.organizationId as string);
  const vendors = familiesOf(r, ids((role) => SUPPLIER_ROLES.has(role)));
  const financiers = familiesOf(r, ids((role) => role === "financier"));
  const buyers = familiesOf(r, ids((role) => role === "buyer"));
  return {
    id: p.id,
    country: p.country,
    subdivision: p.subdivision,
    city: p.city,
    category: p.category as Category | null,
    year: p.year,
    yearInferred: false,
    amount: p.amount,
    quantity: p.quantity,
    vendors: vendors.set,
    financiers: financiers.set,
    buyers: buyers.set,
    documentIds: mentionDocuments,
    names: new Map([...vendors.names, ...financiers.names, ...buyers.names]),
  };
}

/** Joins one mention to a project (found or new) and writes its claims; returns the project and whether it is new. */
async function resolveMention(db: Executor, r: Resolver, m: StoredMention, doc: DocumentFacts): Promise<{ projectId: string; created: boolean }> {
  const text = doc.text;
  const imported = IMPORTED_ORIGINS.has(doc.origin);
  const origin = imported ? doc.origin : EXTRACTED_ORIGIN;
  const { profile, families } = await mentionProfile(db, r, m);
  const rules = resolutionRules().clustering;
  const years = profile.year !== null && !profile.yearInferred ? { from: profile.year - rules.yearTolerance, to: profile.year + rules.yearTolerance } : undefined;
  const categories = profile.category && profile.category !== "other" ? CATEGORIES.filter((c) => categoriesCompatible(profile.category, c, rules)) : undefined;
  let found = profile.country ? await projectsWithParties(db, profile.country, families, { years, categories, notCreatedBy: imported ? doc.origin : undefined }) : [];
  if (imported && found.length) {
    // A structured source lists each deal once: two of its records are two deals, never one.
    const sameSource = await projectsWithClaimsOfOrigin(db, doc.origin, found.map((p) => p.id));
    found = found.filter((p) => !sameSource.has(p.id));
  }
  // Only this document matters for the "two deals of one document" rule.
  // An imported record's document holds its one mention: no other mention of it can be a candidate.
  const sameDocument = imported ? new Set<string>() : await projectsWithMentionOf(db, m.documentId, found.map((p) => p.id));
  const candidates = found.map((p) => projectProfile(r, p, sameDocument.has(p.id) ? new Set([m.documentId]) : new Set()));
  const match = matchProject(profile, candidates, imported ? { ...rules, minScore: rules.minScoreImported } : rules);
  const claims = mentionClaims(m.deal, text).map((c) => ({
    field: c.field, value: c.value, documentId: m.documentId, text: c.text, start: c.start, end: c.end,
    reviewed: false, origin, mentionId: m.id, inferred: c.inferred,
  }));
  let projectId: string;
  let rule: string;
  if (match) {
    projectId = match.projectId;
    rule = `joined ${projectId}: ${match.rule} (score ${match.score})`;
    await insertClaims(db, projectId, claims);
    await refreshProject(db, projectId, r.fx, r.link);
  } else {
    projectId = newProjectId();
    const d = m.deal;
    const supplier = d.vendors[0] ?? d.financiers[0] ?? d.parties.find((p) => SUPPLIER_ROLES.has(p.role))?.name ?? null;
    const title =
      imported && doc.title
        ? doc.title
        : projectTitle({ supplier: supplier ? (r.link(supplier)?.name ?? supplier) : null, category: d.category, mechanism: d.mechanism, country: d.country, subdivision: d.subdivision, city: d.city });
    const record = { id: projectId, title, status: null, procurementRoute: null, review: { state: "candidate" as const, by: null, at: null } };
    await createProject(db, { record, origin, documentId: m.documentId, claims }, r.fx, r.link);
    rule = !profile.country
      ? "new project: the source names no country"
      : candidates.length
        ? `new project: ${candidates.length === 1 ? "1 project" : `${candidates.length} projects`} in ${profile.country} ${candidates.length === 1 ? "shares" : "share"} a party, none fits`
        : `new project: no project in ${profile.country} shares a party`;
  }
  await setMentionProject(db, m.id, projectId, rule);
  return { projectId, created: !match };
}

/**
 * Resolves the pending mentions of one document in one transaction. A document whose mentions
 * are all resolved is a no-op, so a crash between storing and resolving is repaired by running again.
 */
export async function resolveDocument(db: Executor, r: Resolver, documentId: string, known?: KnownMentions): Promise<ResolveOutcome> {
  try {
    return await inTransaction(db, (trx) => resolveInTransaction(trx, r, documentId, known));
  } catch (err) {
    // Organizations the failed transaction created are gone from the store: forget them too.
    await reloadOrganizations(db, r);
    throw err;
  }
}

/** Makes the resolver forget organizations a rolled-back write had added. */
export async function reloadOrganizations(db: Executor, r: Resolver): Promise<void> {
  r.index = new OrganizationIndex(await organizationsWithAliases(db));
}

/** What resolution needs of a document: its text (for quotes), origin (for claims) and title (for imported records' projects). */
interface DocumentFacts {
  text: string;
  origin: string;
  title: string | null;
}

/** A document's mentions and text as the caller just stored them, to spare reading them back. */
export interface KnownMentions {
  mentions: StoredMention[];
  text: string;
  /** The document's origin when it is not an ingested one ("aiddata", "ocds", "cgit"). */
  origin?: string;
  title?: string | null;
}

/**
 * Resolves a document's pending mentions inside the caller's transaction (a batch of imported
 * records). If the caller rolls back, it must call `reloadOrganizations` before going on.
 */
export async function resolveInTransaction(trx: Executor, r: Resolver, documentId: string, known?: KnownMentions): Promise<ResolveOutcome> {
  const out: ResolveOutcome = { mentions: 0, created: [], joined: [] };
  const pending = known?.mentions ?? (await pendingMentions(trx, documentId));
  if (!pending.length) return out;
  let doc: DocumentFacts;
  if (known) doc = { text: known.text, origin: known.origin ?? EXTRACTED_ORIGIN, title: known.title ?? null };
  else {
    const row = await trx.selectFrom("documents").select(["text", "origin", "title"]).where("id", "=", documentId).executeTakeFirstOrThrow();
    doc = { text: row.text ?? "", origin: row.origin, title: row.title };
  }
  for (const m of pending) {
    const { projectId, created } = await resolveMention(trx, r, m, doc);
    out.mentions++;
    (created ? out.created : out.joined).push(projectId);
  }
  return out;
}

/** Resolves every document left with pending mentions (after a crash or an interrupted run). */
export async function resolveAllPending(db: Executor, r: Resolver): Promise<ResolveOutcome> {
  const total: ResolveOutcome = { mentions: 0, created: [], joined: [] };
  for (const id of await documentsWithPendingMentions(db)) {
    const o = await resolveDocument(db, r, id);
    total.mentions += o.mentions;
    total.created.push(...o.created);
    total.joined.push(...o.joined);
  }
  return total;
}
