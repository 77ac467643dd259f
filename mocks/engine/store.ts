/**
 * (Over 300 lines: the store, its journal and its key index change together; split, each half would
 * need the other's internals.)
 *
 * The state: per resource, rows grouped by scope (the values of the resource's scope params, see
 * identity.ts) and keyed by identity within the scope. Rows are generated lazily the first time a
 * scope is read, and every change is journalled so a statement that fails half-way leaves the
 * store exactly as it was.
 *
 * Every lookup by key is O(1) whatever the number of rows: within a known scope through the
 * partition's map, and across scopes (rows stored without a scope value match any) through a
 * per-resource index from key to the partitions holding it. A delete is O(1) too: the row is marked
 * removed in place (so an undo puts it back where it was) and leaves its map at commit. Those
 * maps, and the other collections that grow by a row per INSERT, are steady-collections.ts ones
 * (a Map's order and answers), so no single INSERT pays for a whole table's growth.
 * Values are checked as they are stored (budgets.ts), so no stored row is too deep to answer.
 *
 * A reset goes back to the fixtures: with fixtures loaded, by undoing what was changed since they
 * were (the reset log: every committed statement's undo steps, kept in order), so a reset after a
 * few statements costs those statements, not a rebuild of every fixture row (100k of them: 0.1 s
 * of the thread, and 100k new rows whose promotion and the old ones' collection then stall the
 * requests after it). A row deleted meanwhile stays in its map as a tombstone (reads skip it), so
 * the undo puts it back in its place by unmarking it. The log is dropped (tombstones leave their
 * maps then), and the next reset rebuilds, once it costs more than a rebuild would
 * (RESET_LOG_PER_ROW), or when fixtures are loaded after a change.
 */
import { checkDepth, checkRowDepth, jsonBytes } from './budgets.ts';

/** The exec log keeps the most recent calls: this many, and this many bytes of them at most. */
export const EXEC_LOG_ENTRIES = 10_000;
export const EXEC_LOG_BYTES = 16 * 1024 * 1024;
import type { ResourceInfo } from './catalog.ts';
import type { Catalog } from './catalog.ts';
import { fakeRow, nameGenerator, slug } from './fake-data.ts';
import { hashParts, rng } from './random.ts';
import { ChunkedList, ShardedMap, SteadyMap } from './steady-collections.ts';
import { LazyRows, StoredRow, oldString, rowIdOf, writeIdentity, type RowHome } from './stored-row.ts';
import type { ExecCall, Fixtures, Row } from './types.ts';

export interface Partition {
  /** The resource id it belongs to. */
  resource: string;
  /** Scope values, aligned with identity.scope; null: not given when the row was made (matches anything). */
  scope: (string | null)[];
  /**
   * Rows by id (rowIdOf(key)), in insertion order; rows marked `removed` are being deleted. A
   * number is an inserted row not read yet: its slot in `lazy` (rowOf makes it a StoredRow).
   */
  rows: SteadyMap<StoredRow | number>;
  /** What the partition's lazy rows are made with (one for all of them). */
  home: RowHome;
  /** The seeds of its inserted rows not read yet (from the first one). */
  lazy: LazyRows | undefined;
  /** Ids of rows removed but kept in `rows` for reset() (Store.finishRemove); undefined until one is. */
  tombstones?: Set<string>;
}

class ResourceState {
  readonly partitions = new Map<string, Partition>();
  /** Generation scopes already filled (see Store.ensureGenerated). */
  readonly generated = new Set<string>();
  /** True once a partition has a null scope value: exact partition lookups are then not enough. */
  wildcard = false;
  /**
   * Row id (the key) → the partitions that hold a row of that key: lookups by key across scopes.
   * One partition is held as itself, not in an array: nearly every key is in one scope, and an
   * array per row was most of the memory an inserted row took. A ShardedMap: it grows by a row
   * per INSERT (steady-collections.ts).
   */
  readonly byKey = new ShardedMap<Partition | Partition[]>();
  /** Inserts so far: seeds the generated fields of inserted rows. */
  inserts = 0;
}

/** What a read or a mutation asks for: scope and key values, undefined where not given. */
export interface Selector {
  scope: (string | undefined)[];
  key: (string | undefined)[];
}

export interface Match {
  partition: Partition;
  row: StoredRow;
  id: string;
}

const idOf = (values: readonly (string | null)[]) => JSON.stringify(values);

export class Store {
  private states = new Map<string, ResourceState>();
  private journal: (() => void)[] | undefined;
  /** What commit() finishes: rows marked removed leave their maps. */
  private onCommit: (() => void)[] = [];
  private readonly fixtures: Fixtures[] = [];
  private execCalls: ExecCall[] = [];
  /** jsonBytes of each logged call, aligned with execCalls, and their sum. */
  private execSizes: number[] = [];
  private execBytes = 0;
  /** Bumped by every change (see version). */
  private changes = 0;
  /**
   * The undo steps of every change since the fixtures were applied, in order, while reset() can
   * undo them instead of rebuilding (see the module comment); undefined when it cannot (no
   * fixtures: a rebuild is a new Map; or too many changes).
   */
  private resetLog: ChunkedList<() => void> | undefined;
  /** What the reset log cost so far (logForReset). */
  private resetCost = 0;
  /**
   * While the reset log is kept: a partition's row order (its map's keys) before a row was put
   * over a tombstone (place), to put the tombstone back in its place at reset (a Map appends it).
   */
  private readonly orders = new Map<SteadyMap<StoredRow | number>, string[]>();
  /** While the reset log is kept: the rows removed, left in their maps as tombstones (finishRemove), in order. */
  private tombstones: Match[] = [];
  /** Fixture rows loaded: what the reset log's budget is counted in (logForReset). */
  private fixtureRows = 0;
  /** The resources with state when the fixtures were applied: the others' states go at reset. */
  private fixtureIds = new Set<string>();

  constructor(
    private readonly catalog: Catalog,
    readonly seed: number,
    readonly rowsPerScope: number,
    /** Deepest value stored (limits.maxValueDepth). */
    private readonly maxValueDepth = 64,
  ) {}

  // ---- transactions -----------------------------------------------------------------------

  /** Starts recording undo steps; everything until commit() or rollback() is one statement. */
  begin(): void {
    this.journal = [];
    this.onCommit = [];
  }

  commit(): void {
    const journal = this.journal;
    this.journal = undefined;
    if (journal !== undefined && journal.length > 0) this.logForReset(journal);
    const finish = this.onCommit;
    this.onCommit = [];
    for (const f of finish) f();
  }

  /**
   * Keeps a committed change's undo steps for reset(), or drops the log once it costs more than a
   * rebuild: its steps and the rows of the orders noted (`cost`), against RESET_LOG_PER_ROW per fixture row.
   */
  private logForReset(steps: (() => void)[], cost = 0): void {
    const log = this.resetLog;
    if (log === undefined) return;
    this.resetCost += steps.length + cost;
    if (this.resetCost > Math.max(RESET_LOG_MIN, RESET_LOG_PER_ROW * this.fixtureRows)) {
      this.stopResetLog();
      return;
    }
    for (const step of steps) log.push(step);
  }

  rollback(): void {
    const journal = this.journal ?? [];
    this.journal = undefined;
    this.onCommit = [];
    for (let i = journal.length - 1; i >= 0; i--) journal[i]!();
  }

  private record(undo: () => void): void {
    this.changes++;
    if (this.journal !== undefined) this.journal.push(undo);
    else if (this.resetLog !== undefined) this.logForReset([undo]);
  }

  /**
   * Changes whenever the stored state may have: every journalled change, reset, fixtures. Two reads
   * at the same version see the same rows (an undone change still counts: a version is never
   * reused), which is what lets the executor keep SELECT answers (answer-cache.ts).
   */
  get version(): number {
    return this.changes;
  }

  // ---- reading ----------------------------------------------------------------------------

  private state(id: string): ResourceState {
    let s = this.states.get(id);
    if (s === undefined) {
      s = new ResourceState();
      this.states.set(id, s);
    }
    return s;
  }

  /** Rows whose scope and key match the selector (undefined matches anything), in insertion order. */
  find(info: ResourceInfo, selector: Selector): Match[] {
    const state = this.states.get(info.id);
    if (state === undefined) return [];
    const out: Match[] = [];
    const exact = !state.wildcard && selector.scope.every((v) => v !== undefined);
    if (exact) {
      const partition = state.partitions.get(idOf(selector.scope as string[]));
      if (partition) collect(partition, selector.key, out);
      return out;
    }
    const wholeKey = selector.key.length > 0 && selector.key.every((v) => v !== undefined);
    if (wholeKey) {
      // Across scopes by key: only the partitions that hold the key, in the order they were made.
      const id = rowIdOf(selector.key as string[]);
      const holders = state.byKey.get(id);
      if (holders === undefined) return out;
      for (const partition of Array.isArray(holders) ? holders : [holders]) {
        if (scopeMatches(partition.scope, selector.scope)) collect(partition, selector.key, out);
      }
      return out;
    }
    for (const partition of state.partitions.values()) {
      if (scopeMatches(partition.scope, selector.scope)) collect(partition, selector.key, out);
    }
    return out;
  }

  /** Rows stored (for one resource, or all), without reading them. */
  countRows(resourceId?: string): number {
    let n = 0;
    for (const [id, state] of this.states) {
      if (resourceId !== undefined && id !== resourceId) continue;
      for (const p of state.partitions.values()) n += p.rows.size - (p.tombstones?.size ?? 0);
    }
    return n;
  }

  // ---- generation -------------------------------------------------------------------------

  /**
   * Fills a generation scope on its first read: `rowsPerScope` fake rows in the partition of
   * `scope`, with the key values in `fixedKey` (a list by project + zone fixes the zone) taken as
   * given. Needs every scope value; does nothing otherwise or when already done.
   */
  ensureGenerated(info: ResourceInfo, scope: readonly (string | undefined)[], fixedKey: readonly (string | undefined)[]): void {
    if (scope.some((v) => v === undefined)) return;
    const state = this.state(info.id);
    const genId = `${idOf(scope as string[])}|${idOf(fixedKey.map((v) => v ?? null))}`;
    if (state.generated.has(genId)) return;
    state.generated.add(genId);
    this.record(() => state.generated.delete(genId));
    const base = hashParts([this.seed, info.id, genId]);
    for (let i = 0; i < this.rowsPerScope; i++) {
      const rowHash = hashParts([i], base);
      const values = fakeRow(info.generators, rowHash);
      const key = info.identity.key.map((param, j) => {
        const fixed = fixedKey[j];
        if (fixed !== undefined) return fixed;
        const field = info.identity.keyFields[j];
        if (field !== undefined && isKeyable(values[field])) return String(values[field]);
        return String(nameGenerator(param, info.fake)(rng(hashParts([param], rowHash))));
      });
      this.put(info, scope as string[], key, values, `#${genId}#${i}`, true, true);
    }
  }

  // ---- writing ----------------------------------------------------------------------------

  /**
   * Stores a row under its scope and key, writing the key into the key fields (and scope values
   * into fields of the same name) so the row shows its own identity. `fallbackId` names rows of a
   * resource with an empty key and no name/id field. Returns undefined when the identity is taken
   * (`skipTaken`) or throws nothing and overwrites nothing: the caller checks first.
   */
  put(
    info: ResourceInfo,
    scope: readonly (string | null)[],
    /** Kept by the row as it is: a fresh array the caller does not change afterwards. */
    key: string[],
    given: Row,
    fallbackId: string,
    skipTaken = false,
    /** Already checked (checkValues) or generated here (fake data, shallow by construction). */
    checked = false,
  ): StoredRow | undefined {
    const { identity } = info;
    if (!checked) checkRowDepth(given, this.maxValueDepth, info.id);
    const values = writeIdentity(info, scope, key, given);
    let fullKey = key;
    if (identity.key.length === 0) {
      const field = identity.rowField;
      fullKey = [field !== undefined && isKeyable(values[field]) ? String(values[field]) : fallbackId];
    }
    const state = this.state(info.id);
    const partition = this.partition(state, info, scope);
    const rowId = rowIdOf(fullKey);
    const previous = partition.rows.get(rowId);
    if (isLive(previous)) {
      if (skipTaken) return undefined;
      throw new Error(`internal: identity ${rowId} taken in ${info.id}`);
    }
    const row = new StoredRow(rowId, values);
    this.place(state, partition, rowId, row, previous);
    return row;
  }

  /**
   * Stores an inserted row as its seed: the hash of its fake fields and the values the INSERT
   * wrote (checked already), made into a row when first read (StoredRow). Until then the row is
   * no object at all: its partition's map holds its id and a slot of the partition's LazyRows
   * (stored-row.ts), and the id is made where V8 keeps long-lived objects (oldString), so a
   * client inserting row after row leaves nothing per row for a scavenge to copy. For a resource
   * with a key (an empty key needs the row now: put). False when the identity is taken; nothing
   * is stored then.
   */
  insertSeeded(info: ResourceInfo, scope: readonly (string | null)[], key: readonly string[], hash: number, written: Row): boolean {
    const state = this.state(info.id);
    const partition = this.partition(state, info, scope);
    const rowId = rowIdOf(key);
    const previous = partition.rows.get(rowId);
    if (isLive(previous)) return false;
    const lazy = (partition.lazy ??= new LazyRows(info.identity));
    const slot = lazy.add(hash, written);
    this.record(() => lazy.drop(slot));
    // The id in the old generation from the start (oldString): then the row is nothing a scavenge copies.
    this.place(state, partition, oldString(rowId), slot, previous);
    return true;
  }

  /** The row stored under `scope` and `key` (made now if it was not yet), or undefined. */
  stored(info: ResourceInfo, scope: readonly (string | null)[], key: readonly string[]): StoredRow | undefined {
    const partition = this.states.get(info.id)?.partitions.get(idOf(scope));
    if (partition === undefined) return undefined;
    const id = rowIdOf(key);
    const entry = partition.rows.get(id);
    if (entry === undefined) return undefined;
    const row = rowOf(partition, id, entry);
    return row.removed ? undefined : row;
  }

  /** The partition of `scope`, made (journalled) when it is the scope's first row. */
  private partition(state: ResourceState, info: ResourceInfo, scope: readonly (string | null)[]): Partition {
    const partitionId = idOf(scope);
    const found = state.partitions.get(partitionId);
    if (found !== undefined) return found;
    const copy = [...scope];
    const created: Partition = { resource: info.id, scope: copy, rows: new SteadyMap(), home: { info, scope: copy }, lazy: undefined };
    state.partitions.set(partitionId, created);
    this.record(() => state.partitions.delete(partitionId));
    if (scope.some((v) => v === null) && !state.wildcard) {
      state.wildcard = true;
      this.record(() => (state.wildcard = false));
    }
    return created;
  }

  /** Puts a row (or a lazy row's slot) under its id, over a removed `previous` if any; journalled and indexed. */
  private place(state: ResourceState, partition: Partition, rowId: string, entry: StoredRow | number, previous: StoredRow | number | undefined): void {
    const rows = partition.rows;
    const tombstones = partition.tombstones;
    if (tombstones !== undefined && tombstones.has(rowId)) {
      // Over a row removed by an earlier statement (kept for reset: finishRemove): the new row goes
      // last, as it would had the old one left the map; undone, the old one goes back last too,
      // so its partition's order is noted for reset() to put it back in its place.
      this.noteOrder(rows);
      rows.delete(rowId);
      tombstones.delete(rowId);
      rows.set(rowId, entry);
      this.record(() => {
        rows.delete(rowId);
        rows.set(rowId, previous!);
        tombstones.add(rowId);
      });
      return;
    }
    rows.set(rowId, entry);
    this.record(() => (previous === undefined ? rows.delete(rowId) : rows.set(rowId, previous)));
    if (previous === undefined) this.index(state, rowId, partition);
  }

  /** Notes a partition's row order, once per reset, before it changes by more than appending (see orders). */
  private noteOrder(rows: SteadyMap<StoredRow | number>): void {
    if (this.resetLog === undefined || this.orders.has(rows)) return;
    this.orders.set(rows, [...rows.keys()]);
    this.logForReset([], rows.size);
  }

  /** Notes that `partition` holds a row keyed `rowId`, for find() across scopes. */
  private index(state: ResourceState, rowId: string, partition: Partition): void {
    const holders = state.byKey.get(rowId);
    if (holders === undefined) {
      state.byKey.set(rowId, partition);
      this.record(() => state.byKey.delete(rowId));
      return;
    }
    if (holders === partition || (Array.isArray(holders) && holders.includes(partition))) return;
    if (!Array.isArray(holders)) {
      state.byKey.set(rowId, [holders, partition]);
      this.record(() => state.byKey.set(rowId, holders));
      return;
    }
    holders.push(partition);
    this.record(() => {
      holders.pop();
      if (holders.length === 0) state.byKey.delete(rowId);
    });
  }

  /** Whether a row with this scope and key exists (for INSERT's conflict check). */
  taken(info: ResourceInfo, scope: readonly (string | null)[], key: readonly string[]): boolean {
    return isLive(this.states.get(info.id)?.partitions.get(idOf(scope))?.rows.get(rowIdOf(key)));
  }

  /** Deletes a row in O(1): marked removed now (an undo unmarks it in place), out of its map at commit. */
  remove(match: Match): void {
    const { partition, id, row } = match;
    if (row.removed || partition.rows.get(id) !== row) return;
    row.removed = true;
    this.record(() => (row.removed = false));
    if (this.journal === undefined) {
      this.finishRemove(match);
      return;
    }
    this.onCommit.push(() => this.finishRemove(match));
  }

  /**
   * Takes a removed row out of its map and the index by key. While the reset log is kept, the row
   * stays where it is instead, as a tombstone (every read skips a removed row), so that reset()
   * brings it back in its place by unmarking it: a Map can only append what it is given again.
   */
  private finishRemove(match: Match): void {
    const { partition, id, row } = match;
    if (partition.rows.get(id) !== row) return;
    if (this.resetLog === undefined) {
      this.dropRow(match);
      return;
    }
    const tombstones = (partition.tombstones ??= new Set());
    tombstones.add(id);
    const kept = this.tombstones;
    kept.push(match);
    // Undone in the reverse order of the log: this tombstone is then the last one kept.
    this.logForReset([
      () => {
        tombstones.delete(id);
        kept.pop();
      },
    ]);
  }

  /** Takes a row out of its partition's map and the index by key, for good. */
  private dropRow({ partition, id, row }: Match): void {
    const rows = partition.rows;
    if (rows.get(id) !== row) return;
    rows.delete(id);
    partition.tombstones?.delete(id);
    const state = this.states.get(partition.resource)!;
    const holders = state.byKey.get(id);
    if (Array.isArray(holders)) {
      const at = holders.indexOf(partition);
      if (at >= 0) holders.splice(at, 1);
      if (holders.length === 0) state.byKey.delete(id);
    } else if (holders === partition) state.byKey.delete(id);
  }

  /** Refuses values too deep to store (budgets.ts) before a statement changes anything. */
  checkValues(info: ResourceInfo, values: Row): void {
    checkRowDepth(values, this.maxValueDepth, info.id);
  }

  setValues(info: ResourceInfo, row: StoredRow, values: Row): void {
    checkRowDepth(values, this.maxValueDepth, info.id);
    const old = row.values;
    row.values = values;
    this.record(() => (row.values = old));
  }

  /** A counter per resource, for seeding the generated fields of inserted rows. */
  nextInsert(info: ResourceInfo): number {
    const state = this.state(info.id);
    const n = state.inserts++;
    this.record(() => (state.inserts = n));
    return n;
  }

  // ---- exec log ---------------------------------------------------------------------------

  /**
   * Records an EXEC call. The log keeps the most recent calls only (EXEC_LOG_ENTRIES, and at most
   * EXEC_LOG_BYTES of them), so a client sending EXECs with 1 MiB bodies in a loop cannot grow it
   * without end.
   */
  logExec(call: ExecCall): void {
    if (call.body !== undefined) checkDepth(call.body, this.maxValueDepth, `the @@json body of ${call.resource}.${call.method}`);
    const log = this.execCalls;
    const sizes = this.execSizes;
    const bytes = jsonBytes(call);
    log.push(call);
    sizes.push(bytes);
    this.execBytes += bytes;
    this.record(() => {
      log.pop();
      this.execBytes -= sizes.pop()!;
    });
    while (log.length > 1 && (log.length > EXEC_LOG_ENTRIES || this.execBytes > EXEC_LOG_BYTES)) {
      const oldest = log.shift()!;
      const size = sizes.shift()!;
      this.execBytes -= size;
      this.record(() => {
        log.unshift(oldest);
        sizes.unshift(size);
        this.execBytes += size;
      });
    }
  }

  execLog(): ExecCall[] {
    return structuredClone(this.execCalls);
  }

  // ---- fixtures, reset, snapshot ----------------------------------------------------------

  /** Validates and applies fixtures; kept so reset() applies them again. Throws on bad input. */
  load(fixtures: Fixtures): void {
    this.changes++;
    // Loaded over the state the fixtures so far made, these fixtures are part of what reset()
    // goes back to: nothing to log. Loaded after other changes, reset() must rebuild.
    const pristine = this.fixtures.length === 0 ? this.states.size === 0 : this.resetLog !== undefined && this.resetLog.length === 0;
    this.stopResetLog();
    this.begin();
    try {
      this.applyFixtures(fixtures);
      this.commit();
    } catch (error) {
      this.rollback();
      if (pristine && this.fixtures.length > 0) this.startResetLog();
      throw error;
    }
    this.fixtures.push(fixtures);
    this.fixtureRows += fixtureRowCount(fixtures);
    if (pristine) this.startResetLog();
  }

  reset(): void {
    this.changes++;
    this.execCalls = [];
    this.execSizes = [];
    this.execBytes = 0;
    this.journal = undefined;
    this.onCommit = [];
    const log = this.resetLog;
    if (log !== undefined) {
      for (let i = log.length - 1; i >= 0; i--) log.at(i)!();
      for (const id of this.states.keys()) if (!this.fixtureIds.has(id)) this.states.delete(id);
      // Tombstones a new row was put over came back last: those partitions get their order back.
      for (const [rows, order] of this.orders) {
        const entries: [string, StoredRow | number][] = [];
        for (const id of order) {
          const entry = rows.get(id);
          if (entry !== undefined) entries.push([id, entry]);
        }
        // Every row there is now was there then (a row added since is undone): none is left out.
        if (entries.length !== rows.size) throw new Error(`internal: reset found ${rows.size - entries.length} rows of unknown place`);
        rows.clear();
        for (const [id, entry] of entries) rows.set(id, entry);
      }
      this.orders.clear();
      log.clear();
      this.resetCost = 0;
      return;
    }
    this.states = new Map();
    for (const f of this.fixtures) this.applyFixtures(f);
    if (this.fixtures.length > 0) this.startResetLog();
  }

  /** The state is the fixtures' own: from here on, changes are logged for reset(). */
  private startResetLog(): void {
    this.resetLog = new ChunkedList();
    this.resetCost = 0;
    this.orders.clear();
    this.tombstones = [];
    this.fixtureIds = new Set(this.states.keys());
  }

  /** No more reset log: the next reset rebuilds, and the rows removed leave their maps now. */
  private stopResetLog(): void {
    this.resetLog = undefined;
    this.orders.clear();
    const removed = this.tombstones;
    this.tombstones = [];
    for (const match of removed) if (match.partition.tombstones?.has(match.id)) this.dropRow(match);
  }

  private applyFixtures(fixtures: Fixtures): void {
    if (typeof fixtures !== 'object' || fixtures === null || Array.isArray(fixtures)) {
      throw new TypeError('fixtures must be an object: { [resourceId]: [{ scope?, rows }] }');
    }
    for (const [id, entries] of Object.entries(fixtures)) {
      if (!this.catalog.has(id)) throw new TypeError(`fixtures name an unknown resource '${id}'`);
      if (!Array.isArray(entries)) throw new TypeError(`fixtures for '${id}' must be an array of { scope?, rows }`);
      const info = this.catalog.info(id);
      const { identity } = info;
      entries.forEach((entry, e) => {
        const given = entry?.scope ?? {};
        if (typeof given !== 'object' || given === null) throw new TypeError(`fixtures for '${id}' [${e}]: scope must be an object`);
        if (!Array.isArray(entry?.rows)) throw new TypeError(`fixtures for '${id}' [${e}]: rows must be an array`);
        const scope = identity.scope.map((p) => (given[p] === undefined ? null : String(given[p])));
        const fixedKey = identity.key.map((p) => (given[p] === undefined ? undefined : String(given[p])));
        // A scope with fixtures is not padded with generated rows, neither for reads of the whole
        // scope nor for reads that fix the same key values.
        if (scope.every((v) => v !== null)) {
          const state = this.state(id);
          state.generated.add(`${idOf(scope)}|${idOf(identity.key.map(() => null))}`);
          state.generated.add(`${idOf(scope)}|${idOf(fixedKey.map((v) => v ?? null))}`);
        }
        entry.rows.forEach((raw, i) => {
          if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
            throw new TypeError(`fixtures for '${id}' [${e}].rows[${i}] must be an object`);
          }
          const values: Row = { ...raw };
          const key = identity.key.map((param, j) => {
            const field = identity.keyFields[j] ?? param;
            if (fixedKey[j] !== undefined) return fixedKey[j] as string;
            if (isKeyable(values[field])) return String(values[field]);
            if (isKeyable(values[param])) return String(values[param]);
            return slug(info.fake, rng(hashParts([this.seed, id, 'fixture', e, i, param])));
          });
          if (this.taken(info, scope, key)) throw new TypeError(`fixtures for '${id}' [${e}].rows[${i}] repeat the identity ${JSON.stringify(key)}`);
          this.put(info, scope, key, values, `#fixture#${e}#${i}`);
        });
      });
    }
  }

  /**
   * Everything stored (or one resource's rows), by resource id then scope label (`p=v&q=w`, `*` for
   * the global scope). Rows are copies: changing them changes nothing stored.
   */
  snapshot(resourceId?: string): Record<string, Record<string, Row[]>> {
    const out: Record<string, Record<string, Row[]>> = {};
    const ids = resourceId === undefined ? [...this.states.keys()].sort() : this.states.has(resourceId) ? [resourceId] : [];
    for (const id of ids) {
      const info = this.catalog.info(id);
      const scopes: Record<string, Row[]> = {};
      for (const partition of this.states.get(id)!.partitions.values()) {
        const rows: Row[] = [];
        for (const [rowId, entry] of partition.rows) {
          const r = rowOf(partition, rowId, entry);
          if (!r.removed) rows.push(structuredClone(r.values));
        }
        if (rows.length === 0) continue;
        const label = info.identity.scope.map((p, i) => `${p}=${partition.scope[i] ?? '*'}`).join('&') || '*';
        scopes[label] = rows;
      }
      if (Object.keys(scopes).length > 0) out[id] = scopes;
    }
    return out;
  }
}

/**
 * The reset log's budget: this many steps (or rows of noted orders) per fixture row, at least
 * RESET_LOG_MIN. An undo step or a noted row costs a fraction of a fixture row made again (its
 * object, its values, its place in the maps, and the old one's collection).
 */
const RESET_LOG_PER_ROW = 4;
const RESET_LOG_MIN = 4096;

/** Rows in a set of fixtures (applied already, so well formed). */
function fixtureRowCount(fixtures: Fixtures): number {
  let n = 0;
  for (const entries of Object.values(fixtures)) for (const entry of entries) n += entry.rows.length;
  return n;
}

function collect(partition: Partition, key: readonly (string | undefined)[], out: Match[]): void {
  const anyKey = key.some((v) => v !== undefined);
  if (!anyKey) {
    for (const [id, entry] of partition.rows) {
      const row = rowOf(partition, id, entry);
      if (!row.removed) out.push({ partition, row, id });
    }
    return;
  }
  if (key.every((v) => v !== undefined)) {
    const id = rowIdOf(key as string[]);
    const entry = partition.rows.get(id);
    if (entry === undefined) return;
    const row = rowOf(partition, id, entry);
    if (!row.removed) out.push({ partition, row, id });
    return;
  }
  for (const [id, entry] of partition.rows) {
    const row = rowOf(partition, id, entry);
    if (!row.removed && key.every((v, i) => v === undefined || row.keyAt(i) === v)) out.push({ partition, row, id });
  }
}

/**
 * A partition's row by its map entry: a lazy row's slot is made into its StoredRow here, which
 * then takes the slot's place in the map (the same place: a Map keeps a key where it was when its
 * value changes, so the rows keep their order). Nothing a reader sees changes, so nothing is
 * journalled: the StoredRow reads as the slot did.
 */
function rowOf(partition: Partition, id: string, entry: StoredRow | number): StoredRow {
  if (typeof entry !== 'number') return entry;
  const row = partition.lazy!.take(entry, id, partition.home);
  partition.rows.set(id, row);
  return row;
}

/** Whether a map entry is a row (a lazy row's slot always is; a StoredRow unless being deleted). */
function isLive(entry: StoredRow | number | undefined): boolean {
  return entry !== undefined && (typeof entry === 'number' || !entry.removed);
}

function scopeMatches(stored: readonly (string | null)[], wanted: readonly (string | undefined)[]): boolean {
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i];
    if (w !== undefined && stored[i] !== null && stored[i] !== w) return false;
  }
  return true;
}

function isKeyable(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}
