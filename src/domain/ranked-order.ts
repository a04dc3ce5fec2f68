// Keeps a set of slots in a comparator's order and gives each a number (its rank) that follows
// that order, so sorting and comparing by it is a float comparison. A slot added later gets a rank
// between its neighbours without renumbering the others; when a gap runs out, all are renumbered.

export class RankedOrder {
  /** Slots in order. */
  private order: number[] = [];
  /** Each slot's rank; only meaningful for slots in the order. */
  rank: Float64Array = new Float64Array(0);

  constructor(private readonly compare: (a: number, b: number) => number) {}

  get size(): number {
    return this.order.length;
  }

  /** Orders these slots from scratch (after a bulk load). */
  rebuild(slots: Iterable<number>, capacity: number): void {
    this.ensure(capacity);
    this.order = [...slots].sort(this.compare);
    this.renumber();
  }

  ensure(capacity: number): void {
    if (this.rank.length >= capacity) return;
    const next = new Float64Array(Math.max(capacity, this.rank.length * 2, 1024));
    next.set(this.rank);
    this.rank = next;
  }

  insert(slot: number): void {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(this.order[mid] as number, slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    const before = lo > 0 ? (this.rank[this.order[lo - 1] as number] as number) : null;
    const after = lo < this.order.length ? (this.rank[this.order[lo] as number] as number) : null;
    this.order.splice(lo, 0, slot);
    const rank = before === null ? (after === null ? 0 : after - 1) : after === null ? before + 1 : (before + after) / 2;
    // Doubles halve a gap about fifty times before two ranks meet: then number them all again.
    if ((before !== null && rank <= before) || (after !== null && rank >= after)) this.renumber();
    else this.rank[slot] = rank;
  }

  /** Removes a slot that is in the order (found by its rank, which is unique). */
  remove(slot: number): void {
    const rank = this.rank[slot] as number;
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.rank[this.order[mid] as number] as number) < rank) lo = mid + 1;
      else hi = mid;
    }
    if (this.order[lo] === slot) this.order.splice(lo, 1);
    else {
      const at = this.order.indexOf(slot);
      if (at >= 0) this.order.splice(at, 1);
    }
  }

  private renumber(): void {
    for (let i = 0; i < this.order.length; i++) this.rank[this.order[i] as number] = i;
  }
}
