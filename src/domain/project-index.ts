// Every project's filterable and sortable values held in memory as columns of typed arrays, so a
// faceted page with its exact total, and counts grouped by a column, cost one pass over numbers
// instead of reads across a million rows. It answers the same conditions as the store's SQL, and
// is kept in step with the store by the caller (upsert and remove as projects change).
import { RankedOrder } from "./ranked-order.js";

export interface IndexedParty {
  role: string;
  organizationId: string | null;
  name: string;
}

/** What the index holds of one project. */
export interface IndexedProject {
  id: string;
  title: string;
  country: string | null;
  subdivision: string | null;
  category: string | null;
  mechanism: string | null;
  /** The shown status. */
  status: string | null;
  reviewState: string | null;
  year: number | null;
  amountUsd: number | null;
  /** ISO time of the last change. */
  updatedAt: string;
  /** The project's row in the store's text index (so text matches map to projects), if any. */
  textKey: number | null;
  parties: readonly IndexedParty[];
}

/** A party condition: projects with a party in one of these roles, by organization id or, for names no organization has, as written. */
export interface PartyCondition {
  roles: readonly string[];
  organizationIds?: readonly string[] | undefined;
  /** For names no organization has: matched case-insensitively, as written. */
  name?: string | undefined;
}

/** The conditions on a project's own values that lists, totals and stats filter by (the store's SQL and this index alike). */
export interface ProjectFacets {
  country?: string | undefined;
  subdivision?: string | undefined;
  category?: string | undefined;
  mechanism?: string | undefined;
  /** The shown status. */
  status?: string | undefined;
  reviewState?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  /** USD bounds; projects whose amount has no USD value are left out when a bound is given. */
  amountMin?: number | undefined;
  amountMax?: number | undefined;
  parties?: readonly PartyCondition[] | undefined;
  /** Only these projects (a saved search's candidates); keep it to a few hundred ids per query. */
  projectIds?: readonly string[] | undefined;
}

export interface IndexConditions extends ProjectFacets {
  /** Only projects whose text key is among these (the text search's matches). */
  textKeys?: ArrayLike<number> | undefined;
}

export type IndexSortKey = "year" | "amount" | "title" | "updated";
export type IndexGroup = "country" | "category" | "year" | "mechanism" | "vendor";

export interface IndexGroupRow {
  key: string | null;
  label: string | null;
  projects: number;
  usd: number;
  withAmount: number;
}

const NO_YEAR = -2147483648;
const SUPPLIER_ROLES = new Set(["vendor", "investor", "acquirer", "donor"]);

/** Strings as small numbers; 0 stands for none. */
class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: (string | null)[] = [null];
  code(value: string | null | undefined): number {
    if (value === null || value === undefined) return 0;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  /** The code of a value, or -1 when no project has it (nothing can match). */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

/** (p, q) of slot a after slot b's. */
function after(p: Float64Array, q: Float64Array, a: number, b: number): boolean {
  const pa = p[a] as number;
  const pb = p[b] as number;
  return pa > pb || (pa === pb && (q[a] as number) > (q[b] as number));
}

/** The k first of n slots by (p, q), in order: a max-heap of k, so a slot that does not belong costs one comparison. */
function smallest(slots: Uint32Array, n: number, k: number, p: Float64Array, q: Float64Array): number[] {
  const byKey = (a: number, b: number) => (after(p, q, a, b) ? 1 : after(p, q, b, a) ? -1 : 0);
  if (k <= 0 || n === 0) return [];
  if (n <= k) return Array.from(slots.subarray(0, n)).sort(byKey);
  const heap = Array.from(slots.subarray(0, k)).sort((a, b) => byKey(b, a));
  const down = () => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < k && after(p, q, heap[l] as number, heap[top] as number)) top = l;
      if (r < k && after(p, q, heap[r] as number, heap[top] as number)) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top] as number, heap[i] as number];
      i = top;
    }
  };
  // Sorted largest first is already a max-heap.
  for (let i = k; i < n; i++) {
    const s = slots[i] as number;
    const top = heap[0] as number;
    const ps = p[s] as number;
    const pt = p[top] as number;
    if (ps < pt || (ps === pt && (q[s] as number) < (q[top] as number))) {
      heap[0] = s;
      down();
    }
  }
  return heap.sort(byKey);
}

type Column = Uint16Array | Uint32Array;

/** The slots of one (role, organization) pair: a set to change, an array to read (made again after a change). */
class Posting {
  private readonly set = new Set<number>();
  private array: Uint32Array | null = null;
  get size(): number {
    return this.set.size;
  }
  add(slot: number): void {
    this.set.add(slot);
    this.array = null;
  }
  delete(slot: number): void {
    if (this.set.delete(slot)) this.array = null;
  }
  slots(): Uint32Array {
    if (!this.array) this.array = Uint32Array.from(this.set);
    return this.array;
  }
}

/** Keeps the first n slots whose column holds `code`; returns how many are left. */
function keepEqual(slots: Uint32Array, n: number, column: Column, code: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[i] as number;
    if (column[s] === code) slots[m++] = s;
  }
  return m;
}

/** Keeps the first n slots whose value lies in [min, max] (NaN never does); returns how many are left. */
function keepRange(slots: Uint32Array, n: number, column: Int32Array | Float64Array, min: number, max: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[i] as number;
    const v = column[s] as number;
    if (v >= min && v <= max) slots[m++] = s;
  }
  return m;
}

export class ProjectIndex {
  private capacity = 0;
  private count = 0;
  private readonly free: number[] = [];
  private readonly slotOf = new Map<string, number>();
  private ids: (string | null)[] = [];
  private titles: string[] = [];
  private live = new Uint8Array(0);
  private country = new Uint16Array(0);
  private subdivision = new Uint32Array(0);
  private category = new Uint16Array(0);
  private mechanism = new Uint16Array(0);
  private status = new Uint16Array(0);
  private review = new Uint16Array(0);
  private year = new Int32Array(0);
  private amount = new Float64Array(0);
  private updated = new Float64Array(0);
  /** Sort keys with unknown values last in either direction, filled per query. */
  private primary = new Float64Array(0);
  private textKey = new Float64Array(0);
  /** Per slot: role, organization, lower-case name and name codes, four numbers per party. */
  private parties: (number[] | null)[] = [];
  /** Slot + 1 per text key (0: none): text keys are small dense integers (row numbers). */
  private slotOfText = new Int32Array(0);
  /** Per slot, bits of the list conditions it is on (see matcher), rewritten by every query. */
  private mask = new Uint8Array(0);
  /** The matching slots of the last query. */
  private scratch = new Uint32Array(0);
  /** Slots per (role, organization) code pair. */
  private readonly postings = new Map<number, Posting>();
  private readonly dict = {
    country: new Dictionary(),
    subdivision: new Dictionary(),
    category: new Dictionary(),
    mechanism: new Dictionary(),
    status: new Dictionary(),
    review: new Dictionary(),
    role: new Dictionary(),
    organization: new Dictionary(),
    name: new Dictionary(),
    lowerName: new Dictionary(),
  };
  private readonly byId = new RankedOrder((a, b) => {
    const x = this.ids[a] as string;
    const y = this.ids[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  // Titles in both directions: equal titles stay in id order either way, as the store sorts them.
  private readonly byTitle = new RankedOrder((a, b) => this.compareTitles(a, b, 1));
  private readonly byTitleDescending = new RankedOrder((a, b) => this.compareTitles(a, b, -1));
  private compareTitles(a: number, b: number, direction: 1 | -1): number {
    const x = this.titles[a] as string;
    const y = this.titles[b] as string;
    return x < y ? -direction : x > y ? direction : (this.byId.rank[a] as number) - (this.byId.rank[b] as number);
  }

  /** While loading in bulk, the orders are built once at the end. */
  private bulk = false;

  get size(): number {
    return this.count;
  }

  /** Loads many projects at once: faster than one upsert each. */
  load(projects: Iterable<IndexedProject>): void {
    this.startBulk();
    for (const p of projects) this.upsert(p);
    this.finishBulk();
  }

  /** Until finishBulk, upserts leave the sort orders alone; finishBulk sorts once. */
  startBulk(): void {
    this.bulk = true;
  }

  finishBulk(): void {
    this.bulk = false;
    this.reorder();
  }

  /** Puts the orders right after a bulk change. */
  private reorder(): void {
    const slots = [...this.slotOf.values()];
    this.byId.rebuild(slots, this.capacity);
    this.byTitle.rebuild(slots, this.capacity);
    this.byTitleDescending.rebuild(slots, this.capacity);
  }

  /** Applies a batch of changes; a large batch re-sorts once instead of inserting one by one. */
  apply(changes: { upserts: readonly IndexedProject[]; removals: readonly string[] }): void {
    // Beyond this many, one sort (about a second at a million projects) beats inserting each.
    const large = changes.upserts.length + changes.removals.length > 1_000;
    if (large) this.bulk = true;
    try {
      for (const id of changes.removals) this.remove(id);
      for (const p of changes.upserts) this.upsert(p);
    } finally {
      this.bulk = false;
    }
    if (large) this.reorder();
  }

  upsert(p: IndexedProject): void {
    let slot = this.slotOf.get(p.id);
    const fresh = slot === undefined;
    if (slot === undefined) {
      slot = this.free.pop() ?? this.grow();
      this.slotOf.set(p.id, slot);
      this.count++;
      this.ids[slot] = p.id;
      this.live[slot] = 1;
    } else this.forgetLinks(slot);
    // A project refreshed keeps its place in the orders unless its title changed: most catch-ups
    // then cost no re-sorting at all.
    const title = p.title.toLowerCase();
    const titleChanged = fresh || this.titles[slot] !== title;
    if (!fresh && titleChanged && !this.bulk) {
      this.byTitle.remove(slot);
      this.byTitleDescending.remove(slot);
    }
    this.titles[slot] = title;
    this.country[slot] = this.dict.country.code(p.country);
    this.subdivision[slot] = this.dict.subdivision.code(p.subdivision?.toLowerCase());
    this.category[slot] = this.dict.category.code(p.category);
    this.mechanism[slot] = this.dict.mechanism.code(p.mechanism);
    this.status[slot] = this.dict.status.code(p.status);
    this.review[slot] = this.dict.review.code(p.reviewState);
    this.year[slot] = p.year ?? NO_YEAR;
    this.amount[slot] = p.amountUsd ?? Number.NaN;
    const updated = Date.parse(p.updatedAt);
    this.updated[slot] = Number.isNaN(updated) ? 0 : updated;
    this.textKey[slot] = p.textKey ?? Number.NaN;
    if (p.textKey !== null) this.linkText(p.textKey, slot);
    const codes: number[] = [];
    for (const party of p.parties) {
      const role = this.dict.role.code(party.role);
      const org = this.dict.organization.code(party.organizationId);
      codes.push(role, org, this.dict.lowerName.code(party.name.toLowerCase()), this.dict.name.code(party.name));
      if (org) {
        const key = role * 0x100000 + org;
        let posting = this.postings.get(key);
        if (!posting) this.postings.set(key, (posting = new Posting()));
        posting.add(slot);
      }
    }
    this.parties[slot] = codes.length ? codes : null;
    if (!this.bulk) {
      if (fresh) this.byId.insert(slot);
      if (titleChanged) {
        this.byTitle.insert(slot);
        this.byTitleDescending.insert(slot);
      }
    }
  }

  private linkText(key: number, slot: number): void {
    if (key >= this.slotOfText.length) {
      const next = new Int32Array(Math.max(key + 1, this.slotOfText.length * 2, 1024));
      next.set(this.slotOfText);
      this.slotOfText = next;
    }
    this.slotOfText[key] = slot + 1;
  }

  /** Takes a slot out of the party postings and the text-key map (before they are written again). */
  private forgetLinks(slot: number): void {
    const codes = this.parties[slot];
    for (let i = 0; codes && i < codes.length; i += 4) {
      if (codes[i + 1]) this.postings.get((codes[i] as number) * 0x100000 + (codes[i + 1] as number))?.delete(slot);
    }
    this.parties[slot] = null;
    const text = this.textKey[slot] as number;
    if (!Number.isNaN(text) && this.slotOfText[text] === slot + 1) this.slotOfText[text] = 0;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    if (!this.bulk) {
      this.byTitle.remove(slot);
      this.byTitleDescending.remove(slot);
      this.byId.remove(slot);
    }
    this.forgetLinks(slot);
    this.ids[slot] = null;
    this.live[slot] = 0;
    this.slotOf.delete(id);
    this.free.push(slot);
    this.count--;
  }

  private grow(): number {
    if (this.capacity === this.live.length) {
      const next = Math.max(1024, this.capacity * 2);
      const widen = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(next);
        b.set(a);
        return b;
      };
      this.live = widen(this.live, (n) => new Uint8Array(n));
      this.country = widen(this.country, (n) => new Uint16Array(n));
      this.subdivision = widen(this.subdivision, (n) => new Uint32Array(n));
      this.category = widen(this.category, (n) => new Uint16Array(n));
      this.mechanism = widen(this.mechanism, (n) => new Uint16Array(n));
      this.status = widen(this.status, (n) => new Uint16Array(n));
      this.review = widen(this.review, (n) => new Uint16Array(n));
      this.year = widen(this.year, (n) => new Int32Array(n));
      this.amount = widen(this.amount, (n) => new Float64Array(n));
      this.updated = widen(this.updated, (n) => new Float64Array(n));
      this.textKey = widen(this.textKey, (n) => new Float64Array(n));
      this.primary = new Float64Array(next);
      this.mask = new Uint8Array(next);
      this.byId.ensure(next);
      this.byTitle.ensure(next);
      this.byTitleDescending.ensure(next);
    }
    return this.capacity++;
  }

  /** The ids of one sorted page of matches, and how many match in all. */
  page(where: IndexConditions, sort: { key: IndexSortKey; descending: boolean }, offset: number, limit: number): { ids: string[]; total: number } {
    const selected = this.select(where);
    if (!selected) return { ids: [], total: 0 };
    const { slots, n } = selected;
    this.fillSortKeys(slots, n, sort);
    const best = smallest(slots, n, offset + limit, this.primary, this.byId.rank);
    return { ids: best.slice(offset).map((s) => this.ids[s] as string), total: n };
  }

  /** How many projects match. */
  countOf(where: IndexConditions): number {
    return this.select(where)?.n ?? 0;
  }

  /** Counts and USD sums of the matches grouped by a column or by supplier (unordered). */
  group(where: IndexConditions, by: IndexGroup): IndexGroupRow[] {
    const selected = this.select(where);
    if (!selected) return [];
    const { slots, n } = selected;
    const amounts = this.amount;
    if (by !== "vendor") {
      // Small keys (codes, years): counted in arrays, then named.
      const column = by === "year" ? this.year : this[by];
      const projects = new Map<number, { projects: number; usd: number; withAmount: number }>();
      for (let i = 0; i < n; i++) {
        const s = slots[i] as number;
        const key = column[s] as number;
        let row = projects.get(key);
        if (!row) projects.set(key, (row = { projects: 0, usd: 0, withAmount: 0 }));
        row.projects++;
        const usd = amounts[s] as number;
        if (!Number.isNaN(usd)) {
          row.usd += usd;
          row.withAmount++;
        }
      }
      const values = by === "year" ? null : this.dict[by].values;
      return [...projects].map(([key, row]) => ({
        key: values ? (values[key] ?? null) : key === NO_YEAR ? null : String(key),
        label: null,
        ...row,
      }));
    }
    const rows = new Map<string, IndexGroupRow & { last: number }>();
    const names = this.dict.name.values;
    const orgs = this.dict.organization.values;
    const supplier = this.dict.role.values.map((r) => r !== null && SUPPLIER_ROLES.has(r));
    for (let i = 0; i < n; i++) {
      const s = slots[i] as number;
      const codes = this.parties[s];
      for (let j = 0; codes && j < codes.length; j += 4) {
        if (!supplier[codes[j] as number]) continue;
        const org = codes[j + 1] as number;
        const name = names[codes[j + 3] as number] as string;
        // The store groups by coalesce(organization id, name): a name stands for itself.
        const key = org ? (orgs[org] as string) : name;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { key, label: name, projects: 0, usd: 0, withAmount: 0, last: -1 }));
        else if (row.label === null || name > row.label) row.label = name;
        // As the store's join: a project counts once, its amount once per supplier row.
        if (row.last !== s) {
          row.last = s;
          row.projects++;
        }
        const usd = amounts[s] as number;
        if (!Number.isNaN(usd)) {
          row.usd += usd;
          row.withAmount++;
        }
      }
    }
    return [...rows.values()].map(({ last: _, ...row }) => row);
  }

  /** Each matching slot's sort key where lower comes first; unknown values last either way. */
  private fillSortKeys(slots: Uint32Array, n: number, sort: { key: IndexSortKey; descending: boolean }): void {
    const out = this.primary;
    const sign = sort.descending ? -1 : 1;
    if (sort.key === "title") {
      const rank = (sort.descending ? this.byTitleDescending : this.byTitle).rank;
      for (let i = 0; i < n; i++) {
        const s = slots[i] as number;
        out[s] = rank[s] as number;
      }
    } else if (sort.key === "year") {
      const year = this.year;
      for (let i = 0; i < n; i++) {
        const s = slots[i] as number;
        const y = year[s] as number;
        out[s] = y === NO_YEAR ? Number.POSITIVE_INFINITY : sign * y;
      }
    } else {
      const column = sort.key === "amount" ? this.amount : this.updated;
      for (let i = 0; i < n; i++) {
        const s = slots[i] as number;
        const v = column[s] as number;
        out[s] = Number.isNaN(v) ? Number.POSITIVE_INFINITY : sign * v;
      }
    }
  }

  /**
   * The matching slots (in a buffer the next call reuses), or null when a condition names a value
   * no project has. Conditions are applied one after another over a shrinking list of slots, each
   * a plain loop over a typed array.
   */
  private select(w: IndexConditions): { slots: Uint32Array; n: number } | null {
    const eq = (dict: Dictionary, value: string | undefined): number | null | -1 => (value === undefined ? null : dict.find(value));
    const equal: [Column, number | null | -1][] = [
      [this.country, eq(this.dict.country, w.country)],
      [this.category, eq(this.dict.category, w.category)],
      [this.status, eq(this.dict.status, w.status)],
      [this.mechanism, eq(this.dict.mechanism, w.mechanism)],
      [this.review, eq(this.dict.review, w.reviewState)],
      [this.subdivision, eq(this.dict.subdivision, w.subdivision?.toLowerCase())],
    ];
    if (equal.some(([, code]) => code === -1)) return null;
    const equalities = equal.filter((e): e is [Column, number] => e[1] !== null);
    // Unknown years (NO_YEAR, below any bound) and amounts (NaN) fall outside every range.
    const ranges: [Int32Array | Float64Array, number, number][] = [];
    if (w.yearFrom !== undefined || w.yearTo !== undefined) ranges.push([this.year, Math.max(w.yearFrom ?? NO_YEAR + 1, NO_YEAR + 1), w.yearTo ?? Number.POSITIVE_INFINITY]);
    if (w.amountMin !== undefined || w.amountMax !== undefined) ranges.push([this.amount, w.amountMin ?? Number.NEGATIVE_INFINITY, w.amountMax ?? Number.POSITIVE_INFINITY]);

    // Each party condition as the (role, organization) postings it accepts, or a name to look for.
    const listed: Uint32Array[][] = [];
    const named: { keys: Set<number>; lowerName: number }[] = [];
    for (const p of w.parties ?? []) {
      const roleCodes = p.roles.map((r) => this.dict.role.find(r)).filter((c) => c > 0);
      if (!roleCodes.length) return null;
      if (p.organizationIds?.length) {
        const parts: Uint32Array[] = [];
        for (const id of p.organizationIds) {
          const org = this.dict.organization.find(id);
          for (const r of roleCodes) {
            const posting = org > 0 ? this.postings.get(r * 0x100000 + org) : undefined;
            if (posting?.size) parts.push(posting.slots());
          }
        }
        if (!parts.length) return null;
        listed.push(parts);
      } else {
        const lowerName = this.dict.lowerName.find((p.name ?? "").toLowerCase());
        if (lowerName <= 0) return null;
        named.push({ keys: new Set(roleCodes.map((r) => -r)), lowerName });
      }
    }

    if (this.scratch.length < this.capacity) this.scratch = new Uint32Array(this.live.length);
    const out = this.scratch;
    const live = this.live;
    const capacity = this.capacity;
    let n = 0;

    // Conditions that are lists of slots (text matches, given ids, an organization's projects):
    // the pass starts from the shortest; the others mark their bit in `mask` and are checked there.
    const lists: { bit: number; size: number; parts: ArrayLike<number>[] }[] = [];
    const addList = (parts: ArrayLike<number>[]) => lists.push({ bit: 1 << lists.length, size: parts.reduce((t, p) => t + p.length, 0), parts });
    if (w.textKeys) addList([this.slotsOfText(w.textKeys)]);
    if (w.projectIds) addList([w.projectIds.flatMap((id) => this.slotOf.get(id) ?? [])]);
    for (const parts of listed) addList(parts);
    if (lists.length > 7) throw new Error("too many list conditions for the project index");

    if (lists.length) {
      const mask = this.mask;
      mask.fill(0, 0, capacity);
      const start = lists.reduce((best, l) => (l.size < best.size ? l : best));
      let need = 0;
      for (const list of lists) {
        if (list === start) continue;
        need |= list.bit;
        for (const part of list.parts) {
          for (let i = 0; i < part.length; i++) {
            const s = part[i] as number;
            mask[s] = (mask[s] as number) | list.bit;
          }
        }
      }
      // A slot can be on the first list twice (two organizations of one family): taken once.
      const SEEN = 128;
      for (const part of start.parts) {
        for (let i = 0; i < part.length; i++) {
          const s = part[i] as number;
          const m = mask[s] as number;
          if (m & SEEN || (m & need) !== need || !live[s]) continue;
          mask[s] = m | SEEN;
          out[n++] = s;
        }
      }
    } else if (equalities.length) {
      const [column, code] = equalities.shift() as [Column, number];
      for (let s = 0; s < capacity; s++) if (column[s] === code && live[s]) out[n++] = s;
    } else if (ranges.length) {
      const [column, min, max] = ranges.shift() as (typeof ranges)[number];
      for (let s = 0; s < capacity; s++) {
        const v = column[s] as number;
        if (v >= min && v <= max && live[s]) out[n++] = s;
      }
    } else {
      for (let s = 0; s < capacity; s++) if (live[s]) out[n++] = s;
    }
    for (const [column, code] of equalities) n = keepEqual(out, n, column, code);
    for (const [column, min, max] of ranges) n = keepRange(out, n, column, min, max);
    for (const t of named) {
      let m = 0;
      for (let i = 0; i < n; i++) {
        const s = out[i] as number;
        if (this.hasParty(s, t)) out[m++] = s;
      }
      n = m;
    }
    return { slots: out, n };
  }

  /** The slots of these text keys (keys no project holds are skipped). */
  private slotsOfText(keys: ArrayLike<number>): Uint32Array {
    const table = this.slotOfText;
    const out = new Uint32Array(keys.length);
    let n = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as number;
      const slot = k < table.length ? (table[k] as number) : 0;
      if (slot) out[n++] = slot - 1;
    }
    return out.subarray(0, n);
  }

  private hasParty(slot: number, t: { keys: Set<number>; lowerName: number }): boolean {
    const codes = this.parties[slot];
    for (let i = 0; codes && i < codes.length; i += 4) {
      const role = codes[i] as number;
      if (t.lowerName > 0) {
        if (codes[i + 2] === t.lowerName && t.keys.has(-role)) return true;
      } else if (t.keys.has(role * 0x100000 + (codes[i + 1] as number))) return true;
    }
    return false;
  }
}
