/**
 * Reading a POST /stackql request the way the middleware does, once per request however many
 * `stackql.*` handlers look at it, and writing the middleware's answers. Browser-safe: only
 * `Request`/`Response` and the shared statement parser.
 */
import { HttpResponse } from 'msw';
import { parseStatement, type Statement } from '../../generator/core/sql/index.ts';
import { renderQuery, substituteParams } from '../engine/substitute.ts';
import type { MockResponse, QueryRequest } from '../engine/types.ts';

/** What a POST /stackql body says, with its statement when it parses. */
export interface ParsedStackqlRequest {
  /** The body as the client sent it, when it is a JSON object with a string `query`. */
  body?: QueryRequest;
  /** The statement, `params` substituted as the engine does; absent when the body or the SQL is unusable. */
  statement?: Statement;
  /** The query with `params` substituted (what the engine reports as metadata.request.renderedQuery). */
  renderedQuery?: string;
}

const cache = new WeakMap<Request, Promise<ParsedStackqlRequest>>();

/** Parses a request body at most once, whichever handler asks first. Never throws. */
export function readStackqlRequest(request: Request): Promise<ParsedStackqlRequest> {
  let pending = cache.get(request);
  if (!pending) {
    pending = request
      .clone()
      .text()
      .then(parseStackqlBody, () => ({}));
    cache.set(request, pending);
  }
  return pending;
}

/** The body text to the request and its statement. Anything unusable gives `{}` or no statement. */
export function parseStackqlBody(text: string): ParsedStackqlRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(json) || typeof json['query'] !== 'string') return {};
  const body: QueryRequest = { query: json['query'] };
  if (isRecord(json['params'])) {
    body.params = Object.fromEntries(Object.entries(json['params']).map(([k, v]) => [k, String(v)]));
  }
  if (typeof json['showMetadata'] === 'boolean') body.showMetadata = json['showMetadata'];
  // As the engine does it: parse first, then `$name` only inside string literals (substitute.ts).
  const renderedQuery = body.params ? renderQuery(body.query, body.params) : body.query;
  try {
    const parsed = parseStatement(body.query, { templates: false });
    return { body, statement: body.params ? substituteParams(parsed, body.params) : parsed, renderedQuery };
  } catch {
    return { body, renderedQuery };
  }
}

/** The middleware's success answer: `{data, metadata}` (metadata unless showMetadata is false). */
export function rowsResponse(rows: readonly Record<string, unknown>[], request: QueryRequest | undefined, startedAt = Date.now()): Response {
  const data = [...rows];
  if (request?.showMetadata === false) return HttpResponse.json({ data });
  const endedAt = Date.now();
  const metadata = {
    operation: {
      startTime: new Date(startedAt).toISOString(),
      endTime: new Date(endedAt).toISOString(),
      duration: `${endedAt - startedAt}ms`,
      status: 'OK',
    },
    result: { rowCount: data.length },
    request: request
      ? { query: request.query, ...(request.params ? { params: request.params, renderedQuery: renderQuery(request.query, request.params) } : {}) }
      : {},
  };
  return HttpResponse.json({ data, metadata });
}

/** The middleware's error answer: `4xx {"error": message}`. Throw it or return it from a resolver. */
export function stackqlError(message: string, status = 400): Response {
  return HttpResponse.json({ error: message }, { status });
}

/** An engine answer as a fetch Response. */
export function toHttpResponse(answer: MockResponse): Response {
  const init = answer.headers === undefined ? { status: answer.status } : { status: answer.status, headers: answer.headers };
  if (answer.body === undefined || answer.status === 204 || answer.status === 304) return new HttpResponse(null, init);
  return HttpResponse.json(answer.body as never, init);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
