/**
 * The mock StackQL engine: `createMockEngine({ model })` answers what StackQL (through the
 * middleware) would, from the model and a seeded, lazily generated state. See types.ts for the
 * contract and the modules for the rules:
 *   catalog.ts     the model, indexed once (O(1) resource lookup)
 *   identity.ts    a resource's scope and key, from its methods
 *   resolve.ts     method selection (StackQL's rule) and name resolution
 *   store.ts       rows per scope, lazy generation, fixtures, journal (failed statements undo);
 *                  stored-row.ts a row, made on first read for an INSERT
 *   fake-data.ts   deterministic values by type, format, enum and name
 *   select.ts      SELECT: fast path in JS, the rest in SQLite (render-sql.ts; evaluate.ts hands
 *                  the work to sqlite.ts: worker threads in Node, sqlite-thread.ts)
 *   budgets.ts     what a statement may cost and a stored value may be (answer size, value depth,
 *                  statement time, SQLite memory), for every front
 *   mutate.ts      INSERT / UPDATE / REPLACE / DELETE
 *   exec.ts        EXEC
 *   show.ts        SHOW / DESCRIBE / REGISTRY
 *   substitute.ts  the request's `params`, at the token level
 *   answer-cache.ts  SELECT answers kept per store version; answer.ts the middleware's answer and its JSON text
 *   execute.ts     one statement end to end (parse-cache.ts; statement-shapes.ts: statements that differ
 *                  only in string values reuse one checked template); http.ts the routes; errors.ts every message
 *   sample-values.ts  fillPlaceholders for the docs' templated examples
 */
import { budgetErrors, resolveLimits } from './budgets.ts';
import { Catalog } from './catalog.ts';
import { Executor } from './execute.ts';
import { route, routeNow, validateOverride, validateRequest, type RouteTarget } from './http.ts';
import { errorResponse } from './execute.ts';
import { Store } from './store.ts';
import { assertModelVersion, type Resource } from '../../generator/core/model.ts';
import type { ExecCall, Fixtures, MockEngine, MockOptions, MockResponse, QueryRequest, ResourceOverride, SnapshotOptions } from './types.ts';

export type * from './types.ts';
export { fillPlaceholders, sampleValue } from '../../generator/core/sample-values.ts';
export { EXEC_MESSAGE } from './exec.ts';
export { MOCK_VERSION } from './show.ts';
export { deriveIdentity, type Identity } from '../../generator/core/identity.ts';
export { DEFAULT_LIMITS } from './budgets.ts';
export { EngineError } from './errors.ts';

const DEFAULT_MAX_BODY = 1024 * 1024;
const DEFAULT_SQLITE_THREADS = 2;

export function createMockEngine(options: MockOptions): MockEngine {
  if (!options || typeof options !== 'object' || !options.model || !Array.isArray(options.model.resources)) {
    throw new TypeError('createMockEngine needs { model } with a resources array');
  }
  assertModelVersion(options.model);
  const catalog = new Catalog(options.model);
  const rowsPerScope = options.rowsPerScope ?? 3;
  if (!Number.isInteger(rowsPerScope) || rowsPerScope < 0) throw new TypeError('rowsPerScope must be an integer >= 0');
  const limits = resolveLimits(options.limits);
  const sqliteThreads = options.sqliteThreads ?? DEFAULT_SQLITE_THREADS;
  if (!Number.isInteger(sqliteThreads) || sqliteThreads < 0) throw new TypeError('sqliteThreads must be an integer >= 0');
  const store = new Store(catalog, options.seed ?? 1, rowsPerScope, limits.maxValueDepth);
  if (options.fixtures !== undefined) store.load(options.fixtures);
  const executor = new Executor(catalog, store, { strict: options.strict === true, locateSqlWasm: options.locateSqlWasm, limits, sqliteThreads, answerCache: options.answerCache });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;

  // Made once, not per request: tsx (and esbuild's keepNames) wraps each closure in a naming call.
  const routes: RouteTarget = {
    catalog,
    maxBodyBytes,
    limits,
    countRows: (id?: string) => store.countRows(id),
    query: (request) => executor.query(request),
    queryNow: (request) => executor.answerNow(request, true),
    reset: () => engine.reset(),
    // The route counts against its own ?limit= first.
    snapshot: (id?: string) => store.snapshot(id),
    execLog: () => engine.execLog(),
    override: (id, o) => engine.override(id, o),
    clearOverrides: () => executor.overrides.clear(),
    load: (f) => engine.load(f),
  };
  const engine: MockEngine = {
    handle: (method: string, path: string, rawBody?: string) => route(routes, method, path, rawBody),
    async query(request: QueryRequest): Promise<MockResponse> {
      try {
        return await executor.query(validateRequest(request));
      } catch (error) {
        return errorResponse(error);
      }
    },
    statement: (query: string) => executor.statement(typeof query === 'string' ? query : String(query)),
    // Overrides are test setup, not seeded state: a reset drops them too.
    reset: () => {
      store.reset();
      executor.overrides.clear();
    },
    // Counted before anything is copied: copying 100k rows holds the thread for seconds.
    snapshot(resourceId?: string, snapshotOptions?: SnapshotOptions) {
      const maxRows = snapshotOptions?.maxRows ?? limits.maxStateRows;
      if (!Number.isSafeInteger(maxRows) || maxRows < 0) throw new TypeError('snapshot: maxRows must be an integer >= 0');
      const rows = store.countRows(resourceId);
      if (rows > maxRows) {
        throw budgetErrors.stateRows(rows, maxRows, "take one resource with snapshot('<id>'), or raise the cap with snapshot(id, { maxRows: n })");
      }
      return store.snapshot(resourceId);
    },
    execLog: (): ExecCall[] => store.execLog(),
    override(resourceId: string, override: ResourceOverride | undefined): void {
      if (!catalog.has(resourceId)) throw new TypeError(`unknown resource '${resourceId}'`);
      if (override === undefined) {
        executor.overrides.delete(resourceId);
        return;
      }
      validateOverride(override);
      executor.overrides.set(resourceId, { ...override });
    },
    load: (fixtures: Fixtures) => store.load(fixtures),
    addResources(resources: Resource[]): void {
      if (!Array.isArray(resources)) throw new TypeError('addResources needs an array of resources');
      catalog.add(resources);
      executor.forgetAnswers();
    },
    close: () => executor.close(),
  };
  transports.set(engine, (method, path, rawBody) => routeNow(routes, method, path, rawBody));
  return engine;
}

/** What a transport calls instead of handle(): see routeNow. Never throws. */
export type TransportHandler = (method: string, path: string, rawBody?: string) => MockResponse | Promise<MockResponse>;

const transports = new WeakMap<MockEngine, TransportHandler>();

/**
 * The handler a transport (mocks/server) may call for an engine made by createMockEngine: the
 * answers of `handle`, without a promise when ready at once and with the body made only if read.
 * Undefined for any other MockEngine (a wrapper, a copy with its own handle), which the transport
 * then calls through `handle` as before.
 */
export function transportHandler(engine: MockEngine): TransportHandler | undefined {
  return transports.get(engine);
}
