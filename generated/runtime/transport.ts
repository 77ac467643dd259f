/**
 * How a statement reaches StackQL. Generated code only ever sees this interface, so the wire can be
 * swapped without regenerating anything.
 *
 * Adding a Postgres-wire transport (to `stackql srv`, with `pg`) later: write
 * `createPgTransport({ pool })` in its own module, outside this folder so the browser bundle never
 * pulls in `pg`, returning `{ execute(query, options) }` that
 *  - runs `pool.query(query)` as a simple query (no `$1` parameters: statements arrive fully
 *    rendered and quoted by render.ts, exactly as over HTTP),
 *  - resolves `{ data: result.rows }` (no metadata, or `{ result: { rowCount } }`),
 *  - maps failures to the same error classes: server errors to a StackQLError subclass carrying the
 *    engine's message, connection failures to StackQLNetworkError, and on `options.signal` abort
 *    cancels the backend query and rejects with StackQLAbortError,
 *  - refuses `options.params`, which is an HTTP-middleware text substitution with no pg counterpart.
 * Then pass it to `createClient({ transport })`; nothing else changes.
 */

export interface ExecuteOptions {
  /** Aborts the request; the promise then rejects with StackQLAbortError. */
  signal?: AbortSignal;
  /**
   * The HTTP middleware's `'$name'` text substitution. It does no escaping, so never put untrusted
   * values here: render them into the statement with render.ts instead.
   */
  params?: Record<string, string>;
}

/** The middleware's metadata block, passed through as the server sent it. */
export interface QueryMetadata {
  operation?: {
    startTime?: string;
    endTime?: string;
    duration?: string | number;
    status?: string;
    [key: string]: unknown;
  };
  result?: { rowCount?: number; [key: string]: unknown };
  request?: { query?: string; params?: Record<string, string>; renderedQuery?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface QueryResult<Row = Record<string, unknown>> {
  data: Row[];
  metadata?: QueryMetadata;
}

export interface Transport {
  execute(query: string, options?: ExecuteOptions): Promise<QueryResult>;
}
