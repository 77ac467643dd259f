/**
 * How a statement reaches StackQL. Generated code only ever sees this interface, so the wire can be
 * swapped without regenerating anything:
 *  - createHttpTransport (http-transport.ts): the StackQL middleware's HTTP protocol; browsers too;
 *  - createPgTransport (pg-transport.ts): the Postgres wire to `stackql srv`, on the optional `pg`
 *    package, loaded only when that transport is first used.
 * Both answer the same `data` for the same statement and throw the same error classes.
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
  /**
   * What the server reported as notices rather than errors (Postgres wire: `stackql srv
   * --pgsrv.debug.enable` sends provider failures so, e.g. `http response status code: 404, ...`).
   */
  notices?: string[];
}

export interface Transport {
  execute(query: string, options?: ExecuteOptions): Promise<QueryResult>;
}
