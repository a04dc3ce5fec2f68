// FollowTheMoney export for Aleph: JSON lines of `Project`, party (`Company`, `PublicBody`, …) and
// `ProjectParticipant` entities; schemata and properties as in followthemoney/schema/*.yaml.
import { createHash } from "node:crypto";
import type { Writable } from "node:stream";
import type { PartyView, ProjectSummary } from "../domain/project.js";
import { foldKey } from "../domain/text.js";
import { type ExportContext, type ExportSource, type OrganizationFacts, pump } from "./source.js";

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/**
 * Stable entity ids: the same record gets the same id in every export, so re-importing into Aleph
 * updates entities instead of duplicating them.
 * @example ftmId("zte-jujuy-surveillance-2019") // sha1 of "dsr:zte-jujuy-surveillance-2019"
 */
export function ftmId(key: string): string {
  return createHash("sha1").update(`dsr:${key}`).digest("hex");
}

/** Drops empty values and repeats; FtM properties are lists of strings. */
function props(entries: Record<string, readonly (string | number | null | undefined)[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(entries)) {
    const list = [...new Set(values.filter((v): v is string | number => v !== null && v !== undefined && v !== "").map(String))];
    if (list.length) out[key] = list;
  }
  return out;
}

/** FtM's country type is ISO 3166-1 alpha-2 in lower case. */
const ftmCountry = (code: string | null) => code?.toLowerCase() ?? null;

/**
 * FtM schema by our organization kind: ministries, agencies and regulators are `PublicBody`
 * ("a ministry, department or state company"); firms, banks and operators, which can be owned,
 * `Company`; anything else `Organization`.
 */
export function schemaOfKind(kind: string): "Company" | "PublicBody" | "Organization" {
  if (["government", "government_agency", "regulator"].includes(kind)) return "PublicBody";
  if (["company", "state_owned_enterprise", "operator", "commercial_bank", "policy_bank"].includes(kind)) return "Company";
  return "Organization";
}

/**
 * The `Project` entity: shown values, sources as links and citations, and in `notes` the licence
 * and the rate source (FtM has no file-level metadata, so every project names both).
 */
export function projectEntity(p: ProjectSummary, context: ExportContext): FtmEntity {
  return {
    id: ftmId(p.id),
    schema: "Project",
    properties: props({
      name: [p.title],
      projectId: [p.id],
      country: [ftmCountry(p.country)],
      date: [p.year],
      status: [p.status],
      amount: [p.amount?.value],
      currency: [p.amount?.currency],
      amountUsd: [p.amount?.usd],
      keywords: [p.category, p.mechanism, p.procurementRoute],
      address: [[p.city, p.subdivision].filter(Boolean).join(", ")],
      sourceUrl: p.sources.map((s) => s.url),
      publisher: p.sources.map((s) => s.publisher),
      description: [p.sources.length ? `Sources:\n${p.sources.map((s, i) => `[${i + 1}] ${s.citation}`).join("\n")}` : null],
      notes: [
        `Licence: ${p.license}`,
        `Amounts in USD converted at annual rates from ${context.exchangeRates}`,
        `Review: ${p.review.state}${p.review.by ? ` by ${p.review.by}` : ""}${p.review.at ? ` on ${p.review.at}` : ""}`,
        p.disputedFields.length ? `Sources disagree on: ${p.disputedFields.join(", ")}` : null,
      ],
    }),
  };
}

/** A party's entity id: by gazetteer organization when linked, else by its folded name. */
export function partyEntityId(party: PartyView): string {
  return party.organizationId ? ftmId(`org:${party.organizationId}`) : ftmId(`name:${foldKey(party.name)}`);
}

/** The entity of a party: its organization's schema and names, or a bare `LegalEntity` for an unknown name. */
export function partyEntity(party: PartyView, org: OrganizationFacts | null): FtmEntity {
  if (!org) return { id: partyEntityId(party), schema: "LegalEntity", properties: props({ name: [party.name] }) };
  return {
    id: partyEntityId(party),
    schema: schemaOfKind(org.kind),
    properties: props({
      name: [org.name],
      alias: [org.fullName, ...org.aliases].filter((a) => a !== org.name),
      mainCountry: [ftmCountry(org.homeCountry)],
    }),
  };
}

/** The link of a party to a project, with its role (vendor, financier, buyer…). */
export function participantEntity(p: ProjectSummary, party: PartyView): FtmEntity {
  const participant = partyEntityId(party);
  return {
    id: ftmId(`${p.id}:${party.role}:${participant}`),
    schema: "ProjectParticipant",
    properties: props({ project: [ftmId(p.id)], participant: [participant], role: [party.role] }),
  };
}

async function* lines(source: ExportSource): AsyncGenerator<string> {
  // Organizations recur across projects: each is looked up and written once per export (a few
  // thousand at most, so these sets stay small while projects stream past).
  const facts = new Map<string, OrganizationFacts | null>();
  const written = new Set<string>();
  for await (const p of source.projects("all-sources")) {
    let out = `${JSON.stringify(projectEntity(p, source.context))}\n`;
    for (const party of p.parties) {
      const id = partyEntityId(party);
      if (!written.has(id)) {
        written.add(id);
        let org: OrganizationFacts | null = null;
        if (party.organizationId) {
          if (!facts.has(party.organizationId)) facts.set(party.organizationId, await source.organization(party.organizationId));
          org = facts.get(party.organizationId) ?? null;
        }
        out += `${JSON.stringify(partyEntity(party, org))}\n`;
      }
      out += `${JSON.stringify(participantEntity(p, party))}\n`;
    }
    yield out;
  }
}

/** Streams the entities, one JSON object per line, to the sink and ends it; `alephclient write-entities` imports the file. */
export async function writeFtm(source: ExportSource, sink: Writable): Promise<void> {
  await pump(lines(source), sink);
}
