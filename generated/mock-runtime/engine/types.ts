/**
 * The mock engine's public contract: one implementation of "what would StackQL answer", shared by
 * the MSW handlers (browser and Node), the standalone HTTP server and its Postgres-wire front. The
 * HTTP ones only translate HTTP to `MockEngine.handle` and back; the Postgres one runs
 * `MockEngine.statement` and encodes its columns and rows; none knows SQL.
 */
import type { Field, Model, Resource } from '../../core/model.js';
import type { MockLimits } from './budgets.js';

export type { MockLimits } from './budgets.js';

export interface MockOptions {
  model: Model;
  /** Same seed, same data, across restarts. Default 1. */
  seed?: number;
  /** Rows generated per scope (a distinct set of list params) on first read. Default 3. */
  rowsPerScope?: number;
  /** Answer mutations (INSERT/UPDATE/REPLACE/DELETE/EXEC) 405 like the real middleware. */
  strict?: boolean;
  /** Request bodies larger than this many bytes get a 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Rows loaded at start (and again on every reset), instead of generated ones for their scopes. */
  fixtures?: Fixtures;
  /**
   * Where sql.js finds its wasm file (only needed in a browser; Node finds it in node_modules).
   * SQLite is loaded lazily, on the first statement the fast path cannot answer.
   */
  locateSqlWasm?: ((file: string) => string) | undefined;
  /**
   * What one statement may cost and what a stored value may be (budgets.ts: answer size, value
   * depth, statement time, SQLite memory, state rows per answer). Every front gets the same.
   */
  limits?: Partial<MockLimits>;
  /**
   * Worker threads SQLite runs in, in Node (default 2), so a slow statement never blocks other
   * clients; 0 runs it in the calling thread (always so in browsers), where the time budget only
   * stops row loops (see sqlite.ts).
   */
  sqliteThreads?: number;
  /**
   * Keep SELECT answers for the store's current state (answer-cache.ts): a SELECT sent again before
   * anything is written is answered without running it again. Default true; the answers are the
   * same either way (false exists to show that).
   */
  answerCache?: boolean | undefined;
}

/** A stored or returned row: column name → value. */
export type Row = Record<string, unknown>;

/**
 * Rows a user provides for a resource, by resource id. `scope` gives the values of the resource's
 * scope params (e.g. `{ customersId: 'C01' }`) and may also give identity params; each row's identity
 * is taken from the scope or from the row's key field (see identity.ts). A scope that has fixtures
 * is never padded with generated rows.
 */
export type Fixtures = Record<string, Array<{ scope?: Record<string, string>; rows: Row[] }>>;

/** One recorded EXEC call. */
export interface ExecCall {
  resource: string;
  method: string;
  args: Record<string, unknown>;
  body?: unknown;
}

/** The middleware protocol's request body: POST /stackql. */
export interface QueryRequest {
  query: string;
  params?: Record<string, string>;
  showMetadata?: boolean;
}

/** An HTTP-shaped answer; `body` is the JSON value to send. */
export interface MockResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string> | undefined;
}

/** Per-resource behaviour a test or the control API can inject. */
export interface ResourceOverride {
  latencyMs?: number;
  /** Answer every statement on the resource with this status and `{error: message}`. */
  fault?: { status: number; message: string } | undefined;
}

/** One column of a statement's answer, in order. */
export interface ResultColumn {
  name: string;
  /** The model field whose value the column carries unchanged; absent for params, expressions, SHOW columns. */
  field?: Field | undefined;
}

/**
 * A statement as a SQL session sees it (what `stackql srv` answers over the Postgres wire): the
 * columns even when no row came back, the rows, and the notices StackQL reports instead of errors.
 */
export interface StatementResult {
  ok: true;
  /**
   * 'rows' for statements that answer a result set (SELECT, SHOW, DESCRIBE, REGISTRY LIST, a
   * mutation with RETURNING), 'command' for those that only act (INSERT, UPDATE, REPLACE, DELETE,
   * EXEC, REGISTRY PULL): StackQL answers those with a bare `OK`.
   */
  kind: 'rows' | 'command';
  columns: ResultColumn[];
  rows: Row[];
  /** Provider failures on a SELECT: zero rows and one notice each, never an error (StackQL's rule). */
  notices: string[];
}

/** A statement the engine refused: the message HTTP answers as `status {error: message}`. */
export interface StatementFailure {
  ok: false;
  status: number;
  message: string;
}

export interface SnapshotOptions {
  /** Most rows the snapshot may hold (default limits.maxStateRows). */
  maxRows?: number;
}

export interface MockEngine {
  /**
   * Any middleware route: POST /stackql, GET /providers..., GET /health, and the control routes
   * under /__mock/. `rawBody` is the request body as text (undefined for GET).
   */
  handle(method: string, path: string, rawBody?: string): Promise<MockResponse>;
  /** POST /stackql with an already-parsed body. */
  query(request: QueryRequest): Promise<MockResponse>;
  /**
   * One statement as `stackql srv` runs it for a SQL session (the Postgres-wire front): no strict
   * mode (that is the middleware's allow-list), no `params`, columns described, and a fault
   * injected on a SELECT answered as zero rows plus a notice instead of an error. Never throws.
   */
  statement(query: string): Promise<StatementResult | StatementFailure>;
  /** Back to the seeded initial state. */
  reset(): void;
  /**
   * Everything stored (or one resource's rows), by resource id then scope key: for /__mock/state and
   * tests. Capped like the route: past `maxRows` rows (default limits.maxStateRows) it throws an
   * EngineError (413, code `budget/state-rows`) saying how many rows there are and how to narrow it,
   * rather than cut the answer: a test comparing a snapshot must never compare part of the state.
   */
  snapshot(resourceId?: string, options?: SnapshotOptions): Record<string, unknown>;
  /** Recorded EXEC calls, oldest first. */
  execLog(): Array<{ resource: string; method: string; args: Record<string, unknown>; body?: unknown }>;
  override(resourceId: string, override: ResourceOverride | undefined): void;
  /**
   * Adds fixture rows (kept across reset()). Throws on an unknown resource id; the HTTP route
   * `POST /__mock/fixtures` answers 400 instead.
   */
  load(fixtures: Fixtures): void;
  /**
   * Adds resources to the model after start, for a page that loads them on demand instead of
   * shipping a whole provider (mocks/browser). Rows, overrides and the exec log are kept. An id the
   * engine already has (a view an earlier resource's example derived included) throws, adding none.
   */
  addResources(resources: Resource[]): void;
  /** Stops SQLite's worker threads, if any were started (idle ones never keep a process alive). */
  close(): Promise<void>;
}
