// The first pass over an OCDS stream, which runs in a worker thread: most processes do not concern
// the observatory and are counted and dropped here; those that may (they match on their own, or
// their process was stored before and a new release may change it) are passed on to be merged with
// what is stored and written. Releases of one process that does not match yet are merged in a
// bounded memory of recent processes, so a later release that matches carries the earlier ones.
import { isRowError, isSkip } from "./imported-record.js";
import { type Json, mergeRelease } from "./ocds-merge.js";
import type { OcdsItem } from "./ocds-source.js";
import { type OcdsOptions, ocdsRecord } from "./ocds.js";

type Obj = { [key: string]: Json };

export type PrefilterEntry =
  | { kind: "forward"; row: number; item: OcdsItem }
  | { kind: "skip"; reason: string; count: number }
  | { kind: "error"; row: number; error: string };

/** Processes whose releases are remembered while they do not match (about 2 KB each). */
const RECENT_PROCESSES = 2000;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A record's process as it stands: its compiled release, else its embedded releases merged. */
export function compiledOfRecord(record: Obj): Obj | null {
  if (isObj(record.compiledRelease)) return record.compiledRelease;
  const embedded = (Array.isArray(record.releases) ? record.releases : []).filter((r): r is Obj => isObj(r) && "ocid" in r);
  return embedded.reduce<Obj | null>((acc, r) => mergeRelease(acc, r), null);
}

export class OcdsPrefilter {
  private readonly recent = new Map<string, Obj>();

  /** `known`: keys ("ocds:<ocid>") of processes already stored; grows with what is passed on. */
  constructor(
    private readonly known: Set<string>,
    private readonly options: OcdsOptions,
  ) {}

  take(item: OcdsItem): PrefilterEntry {
    const at = `${item.kind} ${item.at}`;
    if (item.kind === "record") {
      const compiled = compiledOfRecord(item.value);
      if (!compiled) return { kind: "skip", reason: "record without a compiled release or embedded releases", count: 1 };
      return this.judge(item, compiled, item);
    }
    const ocid = typeof item.value.ocid === "string" ? item.value.ocid : "";
    if (!ocid) return { kind: "error", row: item.at, error: `${at}: release without an ocid` };
    // A stored process: its stored state is merged on the other side.
    if (this.known.has(`ocds:${ocid}`)) return { kind: "forward", row: item.at, item };
    const merged = mergeRelease(this.recent.get(ocid) ?? null, item.value);
    return this.judge(item, merged, { ...item, value: merged });
  }

  private judge(item: OcdsItem, compiled: Obj, forward: OcdsItem): PrefilterEntry {
    const outcome = ocdsRecord(compiled, item.publication, this.options);
    const ocid = String(compiled.ocid ?? "");
    if (isRowError(outcome)) return { kind: "error", row: item.at, error: `${item.kind} ${item.at}: ${outcome.error}` };
    if (isSkip(outcome)) {
      if (item.kind === "release" && ocid) {
        this.recent.delete(ocid);
        this.recent.set(ocid, compiled);
        if (this.recent.size > RECENT_PROCESSES) this.recent.delete(this.recent.keys().next().value as string);
      }
      return { kind: "skip", reason: outcome.skip, count: 1 };
    }
    this.recent.delete(ocid);
    this.known.add(outcome.key);
    return { kind: "forward", row: item.at, item: forward };
  }
}
