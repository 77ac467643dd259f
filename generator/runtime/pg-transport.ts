/**
 * StackQL over the Postgres wire: `stackql srv` (or the mock's pg front), the way psql and pystackql
 * reach it, on the `pg` package. `pg` is an optional peer dependency loaded on first use with a
 * dynamic import whose specifier bundlers do not follow, so browser bundles never contain it, and
 * nothing here needs its type declarations.
 *
 * Faithful to what the HTTP transport answers for the same statement:
 *  - one statement per query, sent as a simple query (no `$n` parameters: statements arrive fully
 *    rendered by render.ts); a statement `stackql srv` would cut at a `;` is refused before sending;
 *  - values decoded to what the middleware's JSON holds: numeric (1700) → number (a string when a
 *    JS number cannot hold it exactly), bool (16) → boolean, text that is a JSON object or array →
 *    parsed (StackQL sends objects and arrays as JSON text), other text → string;
 *  - engine errors (SQLSTATE XXUUU, `query returns error: ...`) → StackQLHttpError 400 with the
 *    engine's message, as the HTTP front's 400 {error}; connection failures → StackQLNetworkError;
 *  - notices (`--pgsrv.debug.enable`: provider failures) → `result.notices`;
 *  - statements answered with a bare `OK` (INSERT, DELETE, EXEC, ...) → `data: []`.
 * Abort and timeout close that connection (stackql srv sends no BackendKeyData, so a query cannot be
 * cancelled, only abandoned) and reject with StackQLAbortError / StackQLTimeoutError.
 */

import { statementsOf } from './split-queries.ts';
import {
  StackQLAbortError,
  StackQLError,
  StackQLHttpError,
  StackQLNetworkError,
  StackQLProtocolError,
  StackQLRenderError,
  StackQLTimeoutError,
} from './errors.ts';
import type { ExecuteOptions, QueryResult, Transport } from './transport.ts';

/** TLS options, passed to `pg` (and through it to Node's tls.connect) unchanged. */
export interface PgTlsOptions {
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  cert?: string | Uint8Array;
  key?: string | Uint8Array;
  rejectUnauthorized?: boolean;
  servername?: string;
  [option: string]: unknown;
}

export interface PgTransportOptions {
  /** Default 'localhost'. */
  host?: string;
  /** Default 5466, `stackql srv`'s. */
  port?: number;
  /** Default 'stackql' (what pystackql sends; stackql srv accepts any). */
  user?: string;
  /** Default 'stackql'. */
  database?: string;
  password?: string;
  /** TLS: true, or the tls.connect options (ca, cert and key for a server that wants client certificates). */
  ssl?: boolean | PgTlsOptions;
  /** Connections kept open at most. Default 10. */
  max?: number;
  /** Per statement, connecting included. Default 30000; Infinity turns it off. */
  timeoutMs?: number;
  /**
   * Parse text values that are a JSON object or array, as the HTTP middleware's JSON holds them.
   * Default true; false leaves them as the text the server sent.
   */
  parseJsonText?: boolean;
  /** The `pg` module, for apps that load it themselves; default: the pg package, imported on first use. */
  pg?: unknown;
}

export interface PgTransport extends Transport {
  /** Closes every connection; later statements are refused. */
  close(): Promise<void>;
}

// ---- the little of `pg` used here, typed locally so users need no @types/pg --------------------

type TypeParser = (text: string) => unknown;
interface PgTypes {
  getTypeParser(oid: number, format?: string): TypeParser;
}
interface PgNotice {
  message?: string;
  detail?: string;
}
interface PgClient {
  query(config: { text: string; types: PgTypes }): Promise<{ rows: Array<Record<string, unknown>> }>;
  release(destroy?: boolean): void;
  on(event: 'notice', listener: (notice: PgNotice) => void): unknown;
  removeListener(event: 'notice', listener: (notice: PgNotice) => void): unknown;
}
interface PgPool {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
  types: PgTypes;
}

// A variable, not a literal: bundlers leave the import alone and TypeScript does not resolve it.
const PG_PACKAGE: string = 'pg';

async function loadPg(given: unknown): Promise<PgModule> {
  let mod: unknown = given;
  if (mod === undefined) {
    try {
      mod = await import(/* @vite-ignore */ /* webpackIgnore: true */ PG_PACKAGE);
    } catch (error) {
      throw new StackQLError(
        "createPgTransport needs the 'pg' package, which is not installed: run `npm install pg` (an optional peer dependency, so browser apps do not carry it)",
        { cause: error },
      );
    }
  }
  const candidate = (mod as { default?: unknown }).default ?? mod;
  const pg = candidate as Partial<PgModule>;
  if (typeof pg?.Pool !== 'function' || typeof pg.types?.getTypeParser !== 'function') {
    throw new StackQLError("the module given as 'pg' has no Pool and types: pass the pg package itself");
  }
  return pg as PgModule;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const ENGINE_ERROR = 'XXUUU';
const ENGINE_PREFIX = 'query returns error: ';
const OID_BOOL = 16;
const OID_TEXT = 25;
const OID_NUMERIC = 1700;

/** numeric → number when a JS number holds it exactly (integers up to 2^53); else the text. */
function decodeNumeric(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n) || text.trim() === '') return text;
  if (/^\s*[+-]?\d+\s*$/.test(text) && !Number.isSafeInteger(n)) return text;
  return n;
}

function decodeJsonText(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return text;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : text;
  } catch {
    // Text that starts with a brace but is no JSON is just text.
    return text;
  }
}

/** An ErrorResponse the server sent (pg's DatabaseError): a SQLSTATE and a severity. */
function isServerError(error: unknown): error is { code: string; severity: string; message: string } {
  const e = error as { code?: unknown; severity?: unknown; message?: unknown } | null;
  return typeof e?.code === 'string' && typeof e.severity === 'string' && typeof e.message === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
}

export function createPgTransport(options: PgTransportOptions = {}): PgTransport {
  const host = options.host ?? 'localhost';
  const port = options.port ?? 5466;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new TypeError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  const max = options.max ?? 10;
  if (!Number.isInteger(max) || max < 1) throw new TypeError(`max must be an integer >= 1, got ${max}`);
  const endpoint = `postgres://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const parseJsonText = options.parseJsonText ?? true;

  let ready: Promise<{ pool: PgPool; types: PgTypes }> | undefined;
  let closed = false;

  function start(): Promise<{ pool: PgPool; types: PgTypes }> {
    ready ??= loadPg(options.pg).then((pg) => {
      const config: Record<string, unknown> = {
        host,
        port,
        user: options.user ?? 'stackql',
        database: options.database ?? 'stackql',
        max,
        // A program with only idle connections left may exit without close().
        allowExitOnIdle: true,
        idleTimeoutMillis: 10_000,
      };
      if (options.password !== undefined) config['password'] = options.password;
      if (options.ssl !== undefined) config['ssl'] = options.ssl;
      if (Number.isFinite(timeoutMs)) config['connectionTimeoutMillis'] = timeoutMs;
      const pool = new pg.Pool(config);
      // An idle connection the server closes is dropped from the pool; without a listener it would be an uncaught error.
      pool.on('error', () => {});
      const fallback = pg.types;
      const types: PgTypes = {
        getTypeParser(oid: number, format?: string): TypeParser {
          if (format === undefined || format === 'text') {
            if (oid === OID_NUMERIC) return decodeNumeric;
            if (oid === OID_TEXT && parseJsonText) return decodeJsonText;
            if (oid === OID_BOOL || oid === OID_TEXT) return fallback.getTypeParser(oid, format);
          }
          return fallback.getTypeParser(oid, format);
        },
      };
      return { pool, types };
    });
    // A failed load (pg missing) is tried again on the next statement.
    ready.catch(() => (ready = undefined));
    return ready;
  }

  function failure(error: unknown, query: string): Error {
    if (error instanceof StackQLError) return error;
    if (isServerError(error)) {
      const e = error;
      const text = e.message;
      if (e.code === ENGINE_ERROR) {
        const message = text.startsWith(ENGINE_PREFIX) ? text.slice(ENGINE_PREFIX.length) : text;
        return new StackQLHttpError(400, message, { error: message }, { query, cause: error });
      }
      return new StackQLProtocolError(`${e.severity} ${e.code}: ${text}`, { body: { severity: e.severity, code: e.code, message: text }, query });
    }
    const reason = error instanceof Error ? error.message : String(error);
    return new StackQLNetworkError(`could not reach StackQL at ${endpoint}: ${reason}`, error, { query });
  }

  async function execute(query: string, executeOptions: ExecuteOptions = {}): Promise<QueryResult> {
    const { signal, params } = executeOptions;
    if (params !== undefined) {
      throw new StackQLRenderError("params is the HTTP middleware's text substitution and has no Postgres-wire counterpart: render the values into the statement", { query });
    }
    const statements = statementsOf(query);
    if (statements.length > 1) {
      throw new StackQLRenderError(
        `stackql srv cuts a query at every ';' outside double quotes and runs only the first part; this statement would be cut into ${statements.length} parts (two statements, or a ';' inside a value): send one statement, and values without ';', or use the HTTP transport`,
        { query },
      );
    }
    if (closed) throw new StackQLError('this pg transport is closed', { query });
    if (signal?.aborted) throw new StackQLAbortError({ query });

    let stoppedBy: 'caller' | 'timeout' | undefined;
    let stop!: (reason: Error) => void;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    stopped.catch(() => {});
    const onAbort = (): void => {
      stoppedBy ??= 'caller';
      stop(new StackQLAbortError({ query }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          stoppedBy ??= 'timeout';
          stop(new StackQLTimeoutError(timeoutMs, { query }));
        }, timeoutMs)
      : undefined;

    let client: PgClient | undefined;
    const notices: string[] = [];
    const onNotice = (notice: PgNotice): void => {
      const text = notice.detail || notice.message;
      if (text) notices.push(text);
    };
    try {
      const { pool, types } = await Promise.race([start(), stopped]);
      const connecting = pool.connect();
      try {
        client = await Promise.race([connecting, stopped]);
      } catch (error) {
        // Stopped while connecting: the connection, when it comes, goes back unused.
        if (stoppedBy !== undefined) connecting.then((c) => c.release(), () => {});
        throw error;
      }
      client.on('notice', onNotice);
      const running = client.query({ text: query, types });
      // Abandoned on abort or timeout: its rejection (the connection closed) is expected then.
      running.catch(() => {});
      const result = await Promise.race([running, stopped]);
      const out: QueryResult = { data: result.rows ?? [] };
      if (notices.length > 0) out.notices = notices;
      return out;
    } catch (error) {
      // A connection that was abandoned mid-statement, or broke, is not reused.
      if (client !== undefined && (stoppedBy !== undefined || !isServerError(error))) {
        client.removeListener('notice', onNotice);
        client.release(true);
        client = undefined;
      }
      throw failure(error, query);
    } finally {
      if (client !== undefined) {
        client.removeListener('notice', onNotice);
        client.release();
      }
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    execute,
    async close() {
      closed = true;
      const started = ready;
      ready = undefined;
      if (started) await started.then(({ pool }) => pool.end(), () => undefined);
    },
  };
}
