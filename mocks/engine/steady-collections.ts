/**
 * Collections for the store's per-row structures that never stop the thread for long as they grow.
 *
 * A JS Map doubles its table when it fills, and moves every entry into the new one in that call:
 * measured (Node 20, one CPU) ~200 ns per entry whatever the keys, so the set() that takes a Map
 * past 32k entries takes 7-19 ms, past 64k 13-35 ms. An array's push() past its capacity copies the
 * whole array the same way (6-11 ms at 120-180k elements). The mock server stores a row per INSERT
 * in a partition's map, the resource's key index and the partition's lazy rows: a client inserting
 * into one scope met those copies as stalls of 8-92 ms (CPU profile of the bench server: place(),
 * index(), LazyRows.add()), while every request waiting behind them waited as long. Under a load
 * generator that corrects for coordinated omission (wrk), one such stall counts as every request
 * that would have arrived meanwhile: the INSERT p99 over 5 ms (issue 11) was those stalls.
 *
 * So the entries are kept in fixed-size chunks that are never copied, and the key lookup is split
 * over shard maps once there are many keys: no single operation moves more than a chunk or a
 * shard. The amortized cost stays O(1); lookups stay O(1) (one hash of the key, one shard).
 */

import { hashString } from './random.ts';

/**
 * Entries per chunk (a SteadyMap's entries; a ChunkedList's values). The first chunk grows as an
 * array does (copies of at most a chunk); every later one is made at its full size at once, which
 * for this size (128 KiB and more) V8 puts in its large-object space: old from the start, never
 * copied by a scavenge, as the big Map tables and arrays these replace were.
 */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
/** Keys in the one shard map before they are spread over SHARDS maps (that move is this many entries, once). */
const ONE_SHARD_MAX = 4096;
const SHARDS = 64;

/**
 * An append-only list in chunks, which can give back its last entries (an undone append) and be
 * emptied. Reading by index is O(1); a push never copies more than a chunk.
 */
export class ChunkedList<T> {
  private chunks: (T | undefined)[][] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: T): void {
    const at = this.count & CHUNK_MASK;
    if (at === 0) this.chunks.push(this.chunks.length === 0 ? [] : new Array<T | undefined>(CHUNK));
    const chunk = this.chunks[this.chunks.length - 1]!;
    if (this.chunks.length === 1) chunk.push(value);
    else chunk[at] = value;
    this.count++;
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.chunks[index >> CHUNK_BITS]![index & CHUNK_MASK];
  }

  set(index: number, value: T): void {
    if (index < 0 || index >= this.count) throw new RangeError(`internal: index ${index} of a list of ${this.count}`);
    this.chunks[index >> CHUNK_BITS]![index & CHUNK_MASK] = value;
  }

  /** Keeps the first `length` entries (no more than there are); what goes is let go. */
  truncate(length: number): void {
    const target = Math.max(0, length);
    if (target >= this.count) return;
    const chunks = target === 0 ? 0 : ((target - 1) >> CHUNK_BITS) + 1;
    // Only the places that held entries are emptied: the rest of a preallocated chunk already is
    // (an undo log truncated by one entry at a time would otherwise clear a chunk's tail each time).
    const filled = Math.min(this.count - ((chunks - 1) << CHUNK_BITS), CHUNK);
    this.chunks.length = chunks;
    if (chunks === 1) this.chunks[0]!.length = target;
    else if (chunks > 1) this.chunks[chunks - 1]!.fill(undefined, target & CHUNK_MASK || CHUNK, filled);
    this.count = target;
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}

/**
 * A Map from string keys, without an order, whose growth never rehashes more than a few thousand
 * entries at once: one map while it is small, then SHARDS maps chosen by a hash of the key.
 */
export class ShardedMap<V> {
  private shards: Map<string, V>[] = [new Map()];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    return this.shardOf(key).get(key);
  }

  has(key: string): boolean {
    return this.shardOf(key).has(key);
  }

  set(key: string, value: V): this {
    const shard = this.shardOf(key);
    const before = shard.size;
    shard.set(key, value);
    if (shard.size !== before && ++this.count > ONE_SHARD_MAX && this.shards.length === 1) this.spread();
    return this;
  }

  delete(key: string): boolean {
    if (!this.shardOf(key).delete(key)) return false;
    this.count--;
    return true;
  }

  clear(): void {
    this.shards = [new Map()];
    this.count = 0;
  }

  private shardOf(key: string): Map<string, V> {
    const shards = this.shards;
    return shards.length === 1 ? shards[0]! : shards[hashString(key) & (SHARDS - 1)]!;
  }

  /** Spreads the keys of the one map over SHARDS maps: ONE_SHARD_MAX entries moved, once. */
  private spread(): void {
    const [one] = this.shards;
    const shards = Array.from({ length: SHARDS }, () => new Map<string, V>());
    for (const [key, value] of one!) shards[hashString(key) & (SHARDS - 1)]!.set(key, value);
    this.shards = shards;
  }
}

/**
 * A Map from string keys with a Map's order (insertion order; a key set again keeps its place; a
 * key deleted and set again goes last), for the store's rows (see the module comment). Entries live
 * in chunks in order of arrival (a deleted one leaves a hole, a chunk left with none is let go); a
 * key's position is found through a ShardedMap.
 *
 * Iterating while the map changes behaves as a Map's iterator does: entries added meanwhile are
 * visited, entries deleted before they are reached are not.
 */
export class SteadyMap<V> implements Iterable<[string, V]> {
  private positions = new ShardedMap<number>();
  /** Per chunk, [key, value, key, value, ...] by position; a hole (or a place not filled yet) has an undefined key. */
  private chunks: (string | V | undefined)[][] = [];
  /** Live entries per chunk. */
  private live: number[] = [];
  /** The next position. */
  private next = 0;

  get size(): number {
    return this.positions.size;
  }

  get(key: string): V | undefined {
    const at = this.positions.get(key);
    if (at === undefined) return undefined;
    return this.chunks[at >> ENTRY_BITS]![((at & ENTRY_MASK) << 1) + 1] as V;
  }

  has(key: string): boolean {
    return this.positions.has(key);
  }

  set(key: string, value: V): this {
    const at = this.positions.get(key);
    if (at !== undefined) {
      this.chunks[at >> ENTRY_BITS]![((at & ENTRY_MASK) << 1) + 1] = value;
      return this;
    }
    const position = this.next++;
    const c = position >> ENTRY_BITS;
    const offset = (position & ENTRY_MASK) << 1;
    if (offset === 0) {
      // The chunk before is full now: emptied meanwhile, it can go.
      if (c > 0 && this.live[c - 1] === 0) this.chunks[c - 1] = EMPTY;
      this.chunks.push(c === 0 ? [] : new Array<string | V | undefined>(CHUNK));
      this.live.push(0);
    }
    const chunk = this.chunks[c]!;
    if (c === 0) chunk.push(key, value);
    else {
      chunk[offset] = key;
      chunk[offset + 1] = value;
    }
    this.live[c]!++;
    this.positions.set(key, position);
    return this;
  }

  delete(key: string): boolean {
    const at = this.positions.get(key);
    if (at === undefined) return false;
    this.positions.delete(key);
    const c = at >> ENTRY_BITS;
    const chunk = this.chunks[c]!;
    chunk[(at & ENTRY_MASK) << 1] = undefined;
    chunk[((at & ENTRY_MASK) << 1) + 1] = undefined;
    // A chunk with no entry left goes, unless appends still fill it (the last one).
    if (--this.live[c]! === 0 && c < this.chunks.length - 1) this.chunks[c] = EMPTY;
    return true;
  }

  clear(): void {
    this.positions = new ShardedMap();
    this.chunks = [];
    this.live = [];
    this.next = 0;
  }

  *entries(): IterableIterator<[string, V]> {
    // Bounds read on every step: what is appended while iterating is visited, as with a Map.
    for (let c = 0; c < this.chunks.length; c++) {
      for (let i = 0; i < Math.min(this.chunks[c]!.length, (this.next - (c << ENTRY_BITS)) << 1); i += 2) {
        const chunk = this.chunks[c]!;
        const key = chunk[i] as string | undefined;
        if (key !== undefined) yield [key, chunk[i + 1] as V];
      }
    }
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }
}

/** A SteadyMap's entries per chunk: two places each (key, value), so half a chunk's places. */
const ENTRY_BITS = CHUNK_BITS - 1;
const ENTRY_MASK = (1 << ENTRY_BITS) - 1;

/** A chunk whose entries are all gone: reads as holes, and refuses writes (none may come). */
const EMPTY = Object.freeze([]) as unknown as never[];
