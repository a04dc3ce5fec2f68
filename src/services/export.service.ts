// Exports every project matching a query in a format of src/export/, walking the store by id (never
// all in memory) and reading claims, places or organizations only for the formats that show them.
import type { Writable } from "node:stream";
import type { App } from "../app.js";
import type { OrganizationLinker, ProjectDetail, ProjectSummary } from "../domain/project.js";
import { buildDetail, newestFirst } from "../domain/project.js";
import { type ExportFormat, writeExport } from "../export/formats.js";
import { createLocator } from "../export/geojson.js";
import { type ExportSource, type Location, type OrganizationFacts, licenseStatement } from "../export/source.js";
import { citationsOf } from "../store/document.repository.js";
import type { Executor } from "../store/executor.js";
import { organizationById, organizationLinker } from "../store/organization.repository.js";
import { locatablePlaces } from "../store/place.repository.js";
import { claimsOf, projectRecord, sourceDocumentsOf } from "../store/project.repository.js";
import { type ProjectQuery, allProjects } from "./projects.service.js";

export interface ExportResult {
  /** Projects written. */
  projects: number;
  /** Distinct sources named (CSV and GeoJSON name a summary's newest 25 per project). */
  sources: number;
  /** Every licence the written records carry, as one line. */
  license: string;
}

/**
 * Writes every project matching the query (ordered by id; `limit`/`offset` apply only when set,
 * `sort` not at all) to the sink in the format, with back-pressure, and ends the sink.
 * @example await exportProjects(app, { country: "AR" }, "csv", createWriteStream("ar.csv")) // { projects: 4, … }
 */
export async function exportProjects(app: App, query: ProjectQuery, format: ExportFormat, sink: Writable, options: { generatedAt?: string } = {}): Promise<ExportResult> {
  const db = app.store.db;
  const licenses = new Set<string>();
  const documents = new Set<string>();
  let projects = 0;

  // Some formats walk the projects twice (XLSX: one sheet each); a project is counted once.
  async function* counted<T extends ProjectSummary>(items: AsyncIterable<T>): AsyncGenerator<T> {
    let n = 0;
    for await (const p of items) {
      licenses.add(p.license);
      for (const s of p.sources) documents.add(s.documentId);
      projects = Math.max(projects, ++n);
      yield p;
    }
  }
  const matching = () => window(allProjects(db, query), query.offset ?? 0, query.limit);

  let link: Promise<OrganizationLinker> | undefined;
  // One linker for the whole export: building it reads every alias.
  const linker = () => (link ??= organizationLinker(db));
  let locate: Promise<(p: ProjectSummary) => Location | null> | undefined;
  const source: ExportSource = {
    context: { exchangeRates: app.fx.source, generatedAt: options.generatedAt ?? new Date().toISOString() },
    projects: (view = "summary") => counted(view === "summary" ? matching() : withAllSources(db, matching())),
    details: () => counted(details(db, matching(), app, linker)),
    locate: async (p) => (await (locate ??= locatablePlaces(db).then(createLocator)))(p),
    organization: (id) => organizationFacts(db, id),
  };
  await writeExport(format, source, sink);
  return { projects, sources: documents.size, license: licenseStatement(licenses) };
}

async function* window<T>(items: AsyncIterable<T>, offset: number, limit: number | undefined): AsyncGenerator<T> {
  if (limit === 0) return;
  let i = 0;
  for await (const item of items) {
    if (i++ < offset) continue;
    yield item;
    if (limit !== undefined && i - offset >= limit) return;
  }
}

/** The details of the projects, as `projectDetail` builds them, with the export's one organization linker. */
async function* details(db: Executor, items: AsyncIterable<ProjectSummary>, app: App, linker: () => Promise<OrganizationLinker>): AsyncGenerator<ProjectDetail> {
  for await (const p of items) {
    const record = await projectRecord(db, p.id);
    // Deleted since its page was read: an export is not a transaction, and the project is gone.
    if (!record) continue;
    const claims = await claimsOf(db, p.id);
    const citations = await citationsOf(db, claims.map((c) => c.evidence.documentId));
    yield buildDetail(record, claims, citations, app.fx, await linker());
  }
}

/** Summaries list a project's newest 25 sources; the few projects with more get the rest here. */
async function* withAllSources(db: Executor, items: AsyncIterable<ProjectSummary>): AsyncGenerator<ProjectSummary> {
  for await (const p of items) {
    if (p.sourceCount <= p.sources.length) {
      yield p;
      continue;
    }
    const ids = (await sourceDocumentsOf(db, p.id)).map((s) => s.documentId);
    const citations = await citationsOf(db, ids);
    yield { ...p, sources: newestFirst(ids.flatMap((id) => citations.get(id) ?? [])) };
  }
}

async function organizationFacts(db: Executor, id: string): Promise<OrganizationFacts | null> {
  const org = await organizationById(db, id);
  return org ? { id: org.id, name: org.name, fullName: org.fullName, kind: org.kind, homeCountry: org.homeCountry, aliases: org.aliases } : null;
}

