/**
 * SQLite in Node worker threads, so that a slow statement (a catastrophic REGEXP, a cross join of
 * big json_each lists) never blocks the thread that answers everyone else: each statement runs in
 * a thread of its own with a deadline, and a thread that overruns is terminated (which stops even a
 * JS RegExp mid-backtrack) and replaced. Up to `threads` run at once; the rest wait in order.
 *
 * One pool per process, shared by every engine (a test run may create hundreds): the threads hold
 * no state of an engine (rows go in as a parameter of each statement), each job carries its own
 * budgets, and threads idle for a few seconds are stopped, so neither their number nor their memory
 * grows with the engines created.
 *
 * A hand-written pool rather than a pool library: those load their worker from a file, and this one
 * runs from source text (WORKER_SOURCE), so the runtime copied into a user's project needs no extra
 * file and no TypeScript loader inside the thread. Loaded only in Node (see sqlite.ts).
 */
import { asSqliteError, budgetError, SIZE_MARK, SqliteError, type SqliteLimits, type SqliteOptions, type SqliteResult, type SqliteRunner, type SqlValue } from './sqlite-common.js';

/**
 * The thread: loads sql.js, caps SQLite's heap, registers the same functions as InThreadSqlite
 * (sqlite.ts; a test runs both alike), then runs one statement per message, counting the answer's
 * size as rows are stepped so a huge result is refused before it is copied back.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { sqlJsPath, sizeMark } = workerData;
const CACHE = 64;
const cache = new Map();
let heapLimit = 0;
const ready = require(sqlJsPath)().then((SQL) => {
  const db = new SQL.Database();
  db.create_function('split_part', (text, delimiter, index) => {
    if (text === null || delimiter === null || index === null) return null;
    const parts = String(text).split(String(delimiter));
    const n = Number(index);
    const part = n < 0 ? parts[parts.length + n] : parts[n - 1];
    return part === undefined ? '' : part;
  });
  db.create_function('regexp', (pattern, value) => {
    if (pattern === null || value === null) return null;
    try {
      return new RegExp(String(pattern)).test(String(value)) ? 1 : 0;
    } catch {
      return 0;
    }
  });
  return db;
});
function prepare(db, sql) {
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    if (cache.size >= CACHE) {
      const [oldest, old] = cache.entries().next().value;
      old.free();
      cache.delete(oldest);
    }
    cache.set(sql, statement);
  }
  return statement;
}
function run(db, sql, params, maxAnswerBytes, maxMemoryBytes) {
  if (maxMemoryBytes !== heapLimit) {
    db.exec('PRAGMA hard_heap_limit = ' + Math.floor(maxMemoryBytes));
    heapLimit = maxMemoryBytes;
  }
  const statement = prepare(db, sql);
  try {
    statement.bind(params);
    const rows = [];
    let bytes = 0;
    while (statement.step()) {
      const raw = statement.get();
      bytes += 2;
      for (const v of raw) bytes += typeof v === 'string' ? v.length + 3 : v instanceof Uint8Array ? Math.ceil(v.byteLength / 3) * 4 + 3 : 12;
      if (bytes > maxAnswerBytes) throw new Error(sizeMark);
      rows.push(raw.map((v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v)));
    }
    return { columns: statement.getColumnNames(), rows };
  } finally {
    statement.reset();
  }
}
parentPort.on('message', (job) => {
  ready.then(
    (db) => {
      try {
        parentPort.postMessage({ id: job.id, result: run(db, job.sql, job.params, job.maxAnswerBytes, job.maxMemoryBytes) });
      } catch (error) {
        parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) });
      }
    },
    (error) => parentPort.postMessage({ id: job.id, error: 'cannot load sql.js: ' + String((error && error.message) || error) }),
  );
});
`;

/** A thread with nothing to do for this long is stopped (it starts again on demand). */
const IDLE_MS = 5_000;

interface Job {
  sql: string;
  params: SqlValue[];
  limits: SqliteLimits;
  resolve(result: SqliteResult): void;
  reject(error: SqliteError): void;
}

interface Slot {
  worker: import('node:worker_threads').Worker;
  current?: { id: number; job: Job; timer: ReturnType<typeof setTimeout> } | undefined;
}

type Reply = { id: number; result: SqliteResult } | { id: number; error: string };

/** The process's pool; `threads` is the most any live runner asked for. */
class ThreadPool {
  private readonly idle: Slot[] = [];
  private readonly busy = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly runners = new Map<ThreadedSqlite, number>();
  private nextId = 0;
  private reaper: ReturnType<typeof setTimeout> | undefined;
  private sqlJsPath: string | undefined;
  private workerClass: typeof import('node:worker_threads').Worker | undefined;

  /** Threads running now (busy or idle): for tests. */
  get size(): number {
    return this.busy.size + this.idle.length;
  }

  private get threads(): number {
    let n = 0;
    for (const t of this.runners.values()) n = Math.max(n, t);
    return Math.max(n, 1);
  }

  join(runner: ThreadedSqlite, threads: number): void {
    this.runners.set(runner, threads);
  }

  /** A runner closed: its queued jobs fail; with no runner left, the threads stop. */
  async leave(runner: ThreadedSqlite): Promise<void> {
    this.runners.delete(runner);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.limits === runner.limits) this.queue.splice(i, 1)[0]!.reject(new SqliteError('the mock engine was closed'));
    }
    if (this.runners.size === 0 && this.busy.size === 0) await this.stopIdle();
  }

  async run(sql: string, params: SqlValue[], limits: SqliteLimits): Promise<SqliteResult> {
    await this.load();
    return new Promise<SqliteResult>((resolve, reject) => {
      this.queue.push({ sql, params, limits, resolve, reject });
      this.pump();
    });
  }

  /** node:worker_threads and sql.js's path, resolved on first use (dynamic, so browser bundles never load them). */
  private async load(): Promise<void> {
    if (this.workerClass !== undefined) return;
    const [{ Worker }, { createRequire }] = await Promise.all([import('node:worker_threads'), import('node:module')]);
    this.sqlJsPath ??= createRequire(import.meta.url).resolve('sql.js');
    this.workerClass = Worker;
  }

  private pump(): void {
    if (this.reaper !== undefined) {
      clearTimeout(this.reaper);
      this.reaper = undefined;
    }
    while (this.queue.length > 0) {
      let slot = this.idle.pop();
      if (slot === undefined) {
        if (this.busy.size >= this.threads) return;
        slot = this.spawn();
      }
      this.assign(slot, this.queue.shift()!);
    }
    if (this.busy.size === 0 && this.idle.length > 0) {
      this.reaper = setTimeout(() => void this.stopIdle(), IDLE_MS);
      this.reaper.unref();
    }
  }

  private async stopIdle(): Promise<void> {
    const slots = this.idle.splice(0);
    for (const slot of slots) slot.worker.removeAllListeners('exit');
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const Worker = this.workerClass!;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { sqlJsPath: this.sqlJsPath, sizeMark: SIZE_MARK },
      // The JS side of a statement (REGEXP, split_part, result rows) is bounded too; SQLite's own
      // heap is bounded by hard_heap_limit inside the wasm memory.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker };
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(slot, reply));
    worker.on('error', (error: Error) => this.drop(slot, new SqliteError(`the SQLite thread failed: ${error.message}`)));
    worker.on('exit', (code) => this.drop(slot, new SqliteError(`the SQLite thread stopped (exit code ${code})`)));
    return slot;
  }

  private assign(slot: Slot, job: Job): void {
    const id = ++this.nextId;
    const timer = setTimeout(() => this.kill(slot), job.limits.timeoutMs);
    slot.current = { id, job, timer };
    this.busy.add(slot);
    // Referenced only while it works: an idle thread never keeps the process alive, a busy one does
    // (so a script awaiting a statement does not exit under it).
    slot.worker.ref();
    const { maxAnswerBytes, maxMemoryBytes } = job.limits;
    slot.worker.postMessage({ id, sql: job.sql, params: job.params, maxAnswerBytes, maxMemoryBytes });
  }

  private settle(slot: Slot, reply: Reply): void {
    const current = slot.current;
    if (current === undefined || current.id !== reply.id) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    this.busy.delete(slot);
    slot.worker.unref();
    this.idle.push(slot);
    if ('result' in reply) current.job.resolve(reply.result);
    else current.job.reject(asSqliteError(new Error(reply.error), current.job.limits));
    this.pump();
  }

  /** Over its time budget: the thread is terminated (its memory goes with it) and replaced on demand. */
  private kill(slot: Slot): void {
    const limits = slot.current?.job.limits;
    if (limits === undefined) return;
    this.drop(slot, budgetError('statement-time', limits));
    void slot.worker.terminate();
  }

  /** The thread died (out of memory, a crash) or was terminated: its statement fails, the queue goes on. */
  private drop(slot: Slot, error: SqliteError): void {
    const current = slot.current;
    slot.current = undefined;
    this.busy.delete(slot);
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
    slot.worker.removeAllListeners('message');
    if (current !== undefined) {
      clearTimeout(current.timer);
      current.job.reject(error);
    }
    this.pump();
  }
}

const pool = new ThreadPool();

/** How many SQLite threads the process has now (they are shared by every engine). */
export function sqliteThreadCount(): number {
  return pool.size;
}

/** One engine's view of the shared pool: its budgets and its thread count. */
export class ThreadedSqlite implements SqliteRunner {
  readonly limits: SqliteLimits;

  constructor(options: SqliteOptions) {
    this.limits = { timeoutMs: options.timeoutMs, maxAnswerBytes: options.maxAnswerBytes, maxMemoryBytes: options.maxMemoryBytes };
    pool.join(this, options.threads);
  }

  run(sql: string, params: SqlValue[] = []): Promise<SqliteResult> {
    return pool.run(sql, params, this.limits);
  }

  close(): Promise<void> {
    return pool.leave(this);
  }
}
