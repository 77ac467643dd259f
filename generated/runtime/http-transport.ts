/**
 * The StackQL middleware's HTTP protocol: `POST {baseUrl}/stackql` with `{query, showMetadata,
 * params?}`, answered by `200 {data, metadata?}` or `4xx {error}`. Uses only `fetch`,
 * `AbortController` and timers, so it runs in Node 20 and in browsers alike.
 */

import {
  StackQLAbortError,
  StackQLHttpError,
  StackQLNetworkError,
  StackQLProtocolError,
  StackQLTimeoutError,
} from './errors.js';
import type { ExecuteOptions, QueryMetadata, QueryResult, Transport } from './transport.js';

export interface HttpTransportOptions {
  /** Where the middleware listens, e.g. 'http://localhost:8080'; '/stackql' is appended. */
  baseUrl: string;
  /** Extra request headers (auth, tracing). Content-Type is always application/json. */
  headers?: Record<string, string>;
  /** Per request, covering connect, answer and body. Default 30000; Infinity turns it off. */
  timeoutMs?: number;
  /** Defaults to the global fetch, looked up on each request so that interceptors installed later
   * (MSW's server.listen(), test spies) still see the calls. */
  fetch?: typeof globalThis.fetch;
  /** Asks the server for its metadata block. Default true. */
  showMetadata?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createHttpTransport(options: HttpTransportOptions): Transport {
  const endpoint = `${String(options.baseUrl).replace(/\/+$/, '')}/stackql`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new TypeError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  const showMetadata = options.showMetadata ?? true;
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (name.toLowerCase() !== 'content-type') headers[name] = value;
  }
  headers['content-type'] = 'application/json';

  async function execute(query: string, executeOptions: ExecuteOptions = {}): Promise<QueryResult> {
    const { signal, params } = executeOptions;
    if (signal?.aborted) throw new StackQLAbortError({ query });
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new StackQLNetworkError('no fetch implementation: pass one as options.fetch', undefined, { query });
    }

    // One controller for both ways a request can be stopped; `stoppedBy` remembers which came first,
    // because the fetch rejection itself looks the same for both.
    const controller = new AbortController();
    let stoppedBy: 'caller' | 'timeout' | undefined;
    const onCallerAbort = (): void => {
      stoppedBy ??= 'caller';
      controller.abort();
    };
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          stoppedBy ??= 'timeout';
          controller.abort();
        }, timeoutMs)
      : undefined;
    // Some fetch implementations ignore the signal; racing it makes abort and timeout hold anyway.
    const stopped = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    stopped.catch(() => {});

    const failure = (error: unknown): Error => {
      if (stoppedBy === 'timeout') return new StackQLTimeoutError(timeoutMs, { query, cause: error });
      if (stoppedBy === 'caller') return new StackQLAbortError({ query, cause: error });
      const reason = error instanceof Error ? error.message : String(error);
      return new StackQLNetworkError(`could not reach StackQL at ${endpoint}: ${reason}`, error, { query });
    };

    try {
      const body = JSON.stringify(params === undefined ? { query, showMetadata } : { query, showMetadata, params });
      let response: Response;
      let text: string;
      try {
        response = await Promise.race([
          fetchImpl(endpoint, { method: 'POST', headers, body, signal: controller.signal }),
          stopped,
        ]);
        text = await Promise.race([response.text(), stopped]);
      } catch (error) {
        throw failure(error);
      }
      return interpret(response.status, response.statusText, text, query);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return { execute };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function snippet(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function interpret(status: number, statusText: string, text: string, query: string): QueryResult {
  let body: unknown;
  let isJson = true;
  try {
    body = JSON.parse(text);
  } catch {
    isJson = false;
  }
  const record = isJson && isRecord(body) ? body : undefined;
  const error = record?.['error'];
  const errorMessage =
    typeof error === 'string' ? error : error !== undefined && error !== null ? JSON.stringify(error) : undefined;

  // A non-2xx is an HTTP failure whatever its body; a proxy's HTML error page still says "502".
  if (status < 200 || status > 299) {
    const serverMessage = errorMessage ?? (snippet(text) || statusText || `HTTP ${status}`);
    throw new StackQLHttpError(status, serverMessage, isJson ? body : text, { query });
  }
  if (!isJson) {
    throw new StackQLProtocolError(`the ${status} body is not JSON: ${snippet(text) || '(empty)'}`, {
      status,
      body: text,
      query,
    });
  }
  if (record && 'data' in record) {
    // Go encodes an empty result slice as null.
    const data = record['data'] === null ? [] : record['data'];
    if (Array.isArray(data) && data.every(isRecord)) {
      const result: QueryResult = { data };
      if (isRecord(record['metadata'])) result.metadata = record['metadata'] as QueryMetadata;
      return result;
    }
    throw new StackQLProtocolError('"data" is not an array of row objects', { status, body, query });
  }
  if (errorMessage !== undefined) throw new StackQLHttpError(status, errorMessage, body, { query });
  throw new StackQLProtocolError(`the ${status} body has neither "data" nor "error"`, { status, body, query });
}
