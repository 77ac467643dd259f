/**
 * The routes `MockEngine.handle` answers, HTTP-shaped but transport-free (the MSW handlers and the
 * standalone server only translate):
 *
 *   POST /stackql                                         the middleware protocol
 *   GET  /health                                          {status: 'healthy'}, as the middleware
 *   GET  /providers                                       SHOW PROVIDERS
 *   GET  /providers/:p/services[?name=pat]                SHOW EXTENDED SERVICES IN p [LIKE pat]
 *   GET  /providers/:p/services/:s/resources[?name=pat]   SHOW EXTENDED RESOURCES IN p.s
 *   GET  /providers/:p/services/:s/resources/:r           DESCRIBE EXTENDED p.s.r
 *   GET  /providers/:p/services/:s/resources/:r/methods   SHOW EXTENDED METHODS IN p.s.r
 *   POST /__mock/reset                                    back to the seeded state (+ fixtures)
 *   GET  /__mock/state[?resource=id][&limit=n]            snapshot(), refused past limits.maxStateRows rows
 *   POST /__mock/override   {resource, latencyMs?, fault?: {status, message}}
 *   DELETE /__mock/override {resource} or ?resource=      clear one (no resource: clear all)
 *   GET  /__mock/exec-log                                 {data: calls}
 *   POST /__mock/fixtures   Fixtures                      load rows
 *
 * Meta routes answer `{data: rows}` and build their statements as trees, never as SQL text, so a
 * path segment cannot inject anything. A provider, service or resource they name that the model
 * does not have is a 404 (no such page), where the same name in a statement is a 400.
 */
import type { ShowStatement } from '../../core/sql/index.js';
import { budgetErrors, jsonBytes, MAX_TIMER_MS, utf8Bytes, type MockLimits } from './budgets.js';
import type { Catalog } from './catalog.js';
import { EngineError, errors, UNKNOWN_NAME } from './errors.js';
import { errorResponse } from './execute.js';
import { runDescribe, runShow } from './show.js';
import type { Fixtures, MockResponse, QueryRequest, ResourceOverride } from './types.js';

export interface RouteTarget {
  catalog: Catalog;
  maxBodyBytes: number;
  limits: MockLimits;
  query(request: QueryRequest): Promise<MockResponse>;
  /** query() for a transport: the answer itself when ready at once, its body made on first read. */
  queryNow(request: QueryRequest): MockResponse | Promise<MockResponse>;
  reset(): void;
  countRows(resourceId?: string): number;
  snapshot(resourceId?: string): Record<string, unknown>;
  execLog(): unknown[];
  override(resourceId: string, override: ResourceOverride | undefined): void;
  clearOverrides(): void;
  load(fixtures: Fixtures): void;
}

const ok = (body: unknown): MockResponse => ({ status: 200, body });

export function route(target: RouteTarget, method: string, path: string, rawBody: string | undefined): Promise<MockResponse> {
  try {
    // The statement route, the hot one, without an async layer of its own: query() never rejects.
    if (path === '/stackql' && method.toUpperCase() === 'POST') return target.query(parseQueryBody(rawBody, target.maxBodyBytes));
    return dispatch(target, method.toUpperCase(), path, rawBody).catch(errorResponse);
  } catch (error) {
    return Promise.resolve(errorResponse(error));
  }
}

/**
 * route() for a transport (the standalone server): the same answers, but a statement answered at
 * once comes back as itself, not in a promise, and its body object is made only if read (the
 * transport sends answerText). Never throws; a promise it gives never rejects.
 */
export function routeNow(target: RouteTarget, method: string, path: string, rawBody: string | undefined): MockResponse | Promise<MockResponse> {
  try {
    if (path === '/stackql' && method.toUpperCase() === 'POST') return target.queryNow(parseQueryBody(rawBody, target.maxBodyBytes));
    return dispatch(target, method.toUpperCase(), path, rawBody).catch(errorResponse);
  } catch (error) {
    return errorResponse(error);
  }
}

async function dispatch(target: RouteTarget, method: string, path: string, rawBody: string | undefined): Promise<MockResponse> {
  const q = path.indexOf('?');
  let pathname = q < 0 ? path : path.slice(0, q);
  if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
  // The statement route first, with nothing made that it does not use: it is the hot one.
  if (pathname === '/stackql') {
    if (method !== 'POST') throw errors.methodNotAllowed(method, pathname, 'POST');
    return target.query(parseQueryBody(rawBody, target.maxBodyBytes));
  }
  const search = new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
  const only = (allowed: string) => {
    if (!allowed.split(', ').includes(method)) throw errors.methodNotAllowed(method, pathname, allowed);
  };

  switch (pathname) {
    case '/health':
      only('GET');
      return ok({ status: 'healthy' });
    case '/__mock/reset':
      only('POST');
      target.reset();
      return ok({ ok: true });
    case '/__mock/state':
      only('GET');
      return state(target, search);
    case '/__mock/exec-log':
      only('GET');
      return sized(target, { data: target.execLog() });
    case '/__mock/override':
      only('POST, DELETE');
      return method === 'POST' ? setOverride(target, rawBody) : clearOverride(target, rawBody, search);
    case '/__mock/fixtures': {
      only('POST');
      const fixtures = parseJson(rawBody, target.maxBodyBytes);
      try {
        target.load(fixtures as Fixtures);
      } catch (error) {
        throw errors.fixturesInvalid((error as Error).message);
      }
      return ok({ ok: true });
    }
  }

  const segments = pathname.split('/').slice(1).map(decodeSegment);
  if (segments[0] === 'providers') {
    only('GET');
    const like = search.get('name') ?? undefined;
    const [, p = '', services, s = '', resources, r = '', methods] = segments;
    const show = (what: ShowStatement['what'], parts: string[] | undefined) => {
      const stmt: ShowStatement = { kind: 'show', extended: true, what };
      if (parts) stmt.in = { parts };
      if (like !== undefined) stmt.like = like;
      return meta(() => runShow(target.catalog, stmt));
    };
    if (segments.length === 1) return show('providers', undefined);
    if (segments.length === 3 && services === 'services') return show('services', [p]);
    if (segments.length === 5 && services === 'services' && resources === 'resources') return show('resources', [p, s]);
    if (segments.length === 6 && services === 'services' && resources === 'resources') {
      return meta(() => runDescribe(target.catalog, { kind: 'describe', extended: true, target: { parts: [p, s, r] } }));
    }
    if (segments.length === 7 && services === 'services' && resources === 'resources' && methods === 'methods') return show('methods', [p, s, r]);
  }
  throw errors.notFound(method, pathname);
}

/** A meta route's rows as `{data}`; a name the path gives that the model lacks is 404. */
function meta(rows: () => unknown[]): MockResponse {
  try {
    return ok({ data: rows() });
  } catch (error) {
    if (error instanceof EngineError && error.code === UNKNOWN_NAME) throw new EngineError(404, error.message, error.code);
    throw error;
  }
}

/** A control answer, refused when larger than the answer budget (the same one statements have). */
function sized(target: RouteTarget, body: unknown): MockResponse {
  const limit = target.limits.maxAnswerBytes;
  if (jsonBytes(body, limit) > limit) throw budgetErrors.answerSize(limit);
  return ok(body);
}

/**
 * GET /__mock/state: refused (413, saying how to narrow it) past `limit` rows, default
 * limits.maxStateRows, so one request cannot hold the engine for seconds copying 100k rows.
 */
function state(target: RouteTarget, search: URLSearchParams): MockResponse {
  const resource = search.get('resource') ?? undefined;
  if (resource !== undefined && !target.catalog.has(resource)) throw errors.stateInvalid(`unknown resource '${resource}'`);
  const given = search.get('limit');
  const limit = given === null ? target.limits.maxStateRows : Number(given);
  if (!Number.isSafeInteger(limit) || limit < 0) throw errors.stateInvalid('"limit" must be an integer >= 0');
  const rows = target.countRows(resource);
  if (rows > limit) throw budgetErrors.stateRows(rows, limit);
  return sized(target, target.snapshot(resource));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `text.trim() === ''` without making the trimmed copy (a body is read once per request): JS `\s`
 * is exactly the white space and line terminators that trim removes.
 */
function isBlank(text: string): boolean {
  return /^\s*$/.test(text);
}

function parseJson(rawBody: string | undefined, maxBytes: number): unknown {
  if (rawBody === undefined || isBlank(rawBody)) throw errors.bodyMissing();
  // Characters never outnumber bytes; count bytes only when it could matter.
  if (rawBody.length > maxBytes || (rawBody.length * 3 > maxBytes && utf8Bytes(rawBody) > maxBytes)) throw errors.bodyTooLarge(maxBytes);
  try {
    return JSON.parse(rawBody);
  } catch (error) {
    throw errors.bodyNotJson((error as Error).message);
  }
}

function parseQueryBody(rawBody: string | undefined, maxBytes: number): QueryRequest {
  return validateRequest(parseJson(rawBody, maxBytes));
}

/** The middleware's request body, checked: query a string, params names → strings, showMetadata a boolean. */
export function validateRequest(body: unknown): QueryRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.bodyNotObject();
  const { query, params, showMetadata } = body as Record<string, unknown>;
  if (typeof query !== 'string') throw errors.queryMissing();
  const request: QueryRequest = { query };
  if (params !== undefined && params !== null) {
    if (typeof params !== 'object' || Array.isArray(params)) throw errors.paramsInvalid();
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) {
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else throw errors.paramsInvalid();
    }
    request.params = out;
  }
  if (showMetadata !== undefined) {
    if (typeof showMetadata !== 'boolean') throw errors.showMetadataInvalid();
    request.showMetadata = showMetadata;
  }
  return request;
}

function setOverride(target: RouteTarget, rawBody: string | undefined): MockResponse {
  const body = parseJson(rawBody, target.maxBodyBytes);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.overrideInvalid('the body must be {resource, latencyMs?, fault?}');
  const { resource, latencyMs, fault } = body as Record<string, unknown>;
  if (typeof resource !== 'string') throw errors.overrideInvalid('"resource" must be a resource id');
  const override: ResourceOverride = {};
  if (latencyMs !== undefined) override.latencyMs = latencyMs as number;
  if (fault !== undefined) override.fault = fault as ResourceOverride['fault'];
  try {
    target.override(resource, override);
  } catch (error) {
    throw errors.overrideInvalid((error as Error).message);
  }
  return ok({ ok: true, resource, override });
}

/**
 * Checks an override (both the control route and engine.override): a latency setTimeout can honour
 * (2^31 ms or more would mean no delay at all), and a fault status that carries the documented
 * `{error}` body, i.e. 400-599 (1xx, 204, 304 cannot carry one; a 2xx or 3xx is no fault).
 */
export function validateOverride(override: unknown): asserts override is ResourceOverride {
  if (typeof override !== 'object' || override === null || Array.isArray(override)) throw new TypeError('the override must be {latencyMs?, fault?}');
  const { latencyMs, fault } = override as Record<string, unknown>;
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > MAX_TIMER_MS)) {
    throw new TypeError(`"latencyMs" must be a number from 0 to ${MAX_TIMER_MS} (the longest delay a timer can wait)`);
  }
  if (fault !== undefined) {
    const f = fault as Record<string, unknown>;
    if (typeof f !== 'object' || f === null || !Number.isInteger(f['status']) || (f['status'] as number) < 400 || (f['status'] as number) > 599 || typeof f['message'] !== 'string') {
      throw new TypeError('"fault" must be {status: 400-599, message: string}: an error status, which carries the {"error": message} body');
    }
  }
}

function clearOverride(target: RouteTarget, rawBody: string | undefined, search: URLSearchParams): MockResponse {
  let resource = search.get('resource') ?? undefined;
  if (resource === undefined && rawBody !== undefined && !isBlank(rawBody)) {
    const body = parseJson(rawBody, target.maxBodyBytes) as Record<string, unknown> | null;
    if (typeof body?.['resource'] === 'string') resource = body['resource'];
  }
  if (resource === undefined) {
    target.clearOverrides();
    return ok({ ok: true });
  }
  try {
    target.override(resource, undefined);
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw errors.overrideInvalid((error as Error).message);
  }
  return ok({ ok: true, resource });
}
