const INITIAL_CAPACITY = 1024;

/**
 * One side of an L2 book. Keys are kept ascending in a Float64Array; each key's quantity lives
 * in a slot of `quantities`, referenced from a parallel Int32Array, so inserting or removing a
 * level moves only typed-array memory (memmove) and never shifts JS values.
 * The best level is the highest key, stored at the END, because venue diffs cluster near the
 * top of the book: inserts and removals there move few entries, and lookups gallop from the end,
 * costing O(log distance-from-top). Callers choose keys so that "higher is better"
 * (bids: +price, asks: -price).
 */
export class BookSide {
  private keys = new Float64Array(INITIAL_CAPACITY);
  private slots = new Int32Array(INITIAL_CAPACITY);
  private quantities: string[] = [];
  /** Stack of slots released by removals, reused before `quantities` grows. */
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** Key of the level at `rank` from the top (0 = best). */
  keyAt(rank: number): number {
    return this.keys[this.size - 1 - rank]!;
  }

  quantityAt(rank: number): string {
    return this.quantities[this.slots[this.size - 1 - rank]!]!;
  }

  set(key: number, quantity: string): void {
    const index = this.lowerBound(key);
    const size = this.size;
    if (index < size && this.keys[index] === key) {
      this.quantities[this.slots[index]!] = quantity;
      return;
    }
    if (size === this.keys.length) this.grow();
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount]!;
      this.quantities[slot] = quantity;
    } else {
      slot = this.quantities.length;
      this.quantities.push(quantity);
    }
    const keys = this.keys;
    const slots = this.slots;
    if (index < size) {
      keys.copyWithin(index + 1, index, size);
      slots.copyWithin(index + 1, index, size);
    }
    keys[index] = key;
    slots[index] = slot;
    this.size = size + 1;
  }

  /** Removes the level with `key` if present; absent levels are ignored, as venues send those. */
  remove(key: number): void {
    const index = this.lowerBound(key);
    const size = this.size;
    if (index === size || this.keys[index] !== key) return;
    const slot = this.slots[index]!;
    this.quantities[slot] = "";
    this.freeSlots[this.freeCount++] = slot;
    if (index < size - 1) {
      this.keys.copyWithin(index, index + 1, size);
      this.slots.copyWithin(index, index + 1, size);
    }
    this.size = size - 1;
  }

  clear(): void {
    this.size = 0;
    this.quantities = [];
    this.freeCount = 0;
  }

  /** Replaces the content; `keys` must be strictly ascending and parallel to `quantities`. */
  load(keys: readonly number[], quantities: readonly string[]): void {
    let capacity = INITIAL_CAPACITY;
    while (capacity < keys.length) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.keys.set(keys);
    this.slots = new Int32Array(capacity);
    for (let i = 0; i < keys.length; i++) this.slots[i] = i;
    this.freeSlots = new Int32Array(capacity);
    this.freeCount = 0;
    this.quantities = quantities.slice();
    this.size = keys.length;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
    const slots = new Int32Array(capacity);
    slots.set(this.slots);
    this.slots = slots;
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
  }

  /** First index whose key is >= `key` (or `size`), galloping down from the top. */
  private lowerBound(key: number): number {
    const keys = this.keys;
    let high = this.size - 1;
    if (high < 0 || keys[high]! < key) return this.size;
    // invariant: keys[high] >= key
    let step = 1;
    let low = high - step;
    while (low >= 0 && keys[low]! >= key) {
      high = low;
      step *= 2;
      low = high - step;
    }
    // answer lies in (low, high]
    low = low < 0 ? 0 : low + 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (keys[mid]! < key) low = mid + 1;
      else high = mid;
    }
    return high;
  }
}
