/**
 * Every message the engine answers with, in one place, so tests can pin them exactly and the
 * wording stays consistent. Each is one line, names what was wrong (resource, method candidates,
 * missing params, column) and, for syntax errors, where.
 */
import type { Method, Verb } from '../../core/model.js';

/** A statement or request the engine refuses: becomes `status {error: message}`. */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /**
     * What kind of refusal (`budget/*`), for logs and callers that tell them apart; absent for
     * ordinary statement errors. The Postgres front answers every refusal as StackQL does, XXUUU.
     */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

const bad = (message: string) => new EngineError(400, message);
/** The code of an unknown provider, service or resource. */
export const UNKNOWN_NAME = 'name/unknown';
const list = (names: readonly string[]) => (names.length === 0 ? '(none)' : names.join(', '));
const verbWord = (verb: Verb) => verb.toUpperCase();

export const errors = {
  // ---- the HTTP request ---------------------------------------------------------------------
  bodyMissing: () => bad('request body is missing: POST /stackql needs {"query": "..."}'),
  bodyTooLarge: (limit: number) => new EngineError(413, `request body is larger than ${limit} bytes`),
  bodyNotJson: (reason: string) => bad(`request body is not valid JSON: ${reason}`),
  bodyNotObject: () => bad('request body must be a JSON object: {"query": "...", "params": {...}}'),
  queryMissing: () => bad('request body has no "query" string'),
  paramsInvalid: () => bad('"params" must be an object mapping names to string values'),
  showMetadataInvalid: () => bad('"showMetadata" must be a boolean'),
  notFound: (method: string, path: string) => new EngineError(404, `no route for ${method} ${path}`),
  methodNotAllowed: (method: string, path: string, allowed: string) =>
    new EngineError(405, `${method} is not allowed on ${path} (allowed: ${allowed})`),
  /** Strict mode: what the real middleware answers for anything but SELECT, SHOW, DESCRIBE, REGISTRY. */
  strictRefused: (verb: string) =>
    new EngineError(405, `${verb} statements are not allowed: only SELECT, SHOW, DESCRIBE and REGISTRY are accepted (strict mode, like the StackQL middleware)`),

  // ---- parsing ------------------------------------------------------------------------------
  /** `detail` is the parser's "line L, column C: reason". */
  syntax: (detail: string) => bad(`syntax error at ${detail}`),
  emptyStatement: () => bad('the query is empty: it holds no statement'),
  unsupported: (what: string) => bad(`${what} is not supported by the mock`),

  // ---- names --------------------------------------------------------------------------------
  // Coded so that the meta routes, which name these in their path, can answer 404 instead.
  unknownProvider: (provider: string) => new EngineError(400, `unknown provider '${provider}'`, UNKNOWN_NAME),
  unknownService: (provider: string, service: string) =>
    new EngineError(400, `unknown service '${service}' in provider '${provider}'`, UNKNOWN_NAME),
  unknownResource: (name: string, service: string | undefined) =>
    new EngineError(
      400,
      service === undefined ? `unknown resource '${name}'` : `unknown resource '${name}': service '${service}' has no such resource`,
      UNKNOWN_NAME,
    ),
  badResourceName: (name: string) => bad(`'${name}' is not a resource name: write provider.service.resource`),
  badMethodName: (name: string) => bad(`'${name}' is not a method name: EXEC needs provider.service.resource.method`),
  unknownMethod: (resource: string, method: string, methods: readonly Method[]) =>
    bad(`resource '${resource}' has no method '${method}'; its methods: ${list(methods.map((m) => m.name))}`),
  noMethodForVerb: (resource: string, verb: Verb) => bad(`resource '${resource}' has no ${verbWord(verb)} method`),
  selectNotSupported: (resource: string) => bad(`resource '${resource}' does not support SELECT`),
  /** A view whose definition the mock cannot run: no SQLite definition, or its base is not in the model. */
  viewNotRunnable: (view: string, why: string) => bad(`view '${view}' cannot be read: ${why}`),

  /**
   * No method of the verb has all its required params supplied. `missing` is what the closest
   * candidate (fewest missing) still needs; every candidate is listed with its required params.
   */
  missingParams: (verb: Verb, target: string, missing: readonly string[], candidates: readonly Method[]) =>
    bad(
      `missing required parameter${missing.length === 1 ? '' : 's'} ${list(missing)} for ${verbWord(verb)} on ${target}; ` +
        `candidate methods: ${candidates.map((m) => `${m.name} (requires ${list(m.requiredParams)})`).join('; ')}`,
    ),

  // ---- columns and values -------------------------------------------------------------------
  unknownColumn: (column: string, resource: string) => bad(`unknown column '${column}' in ${resource}`),
  insertColumnCount: () => bad('INSERT needs the same number of columns and values'),
  notConstant: (column: string) => bad(`the value for '${column}' must be a constant: it cannot read columns`),
  invalidJson: (reason: string) => bad(`@@json is not valid JSON: ${reason}`),
  jsonNotString: () => bad('@@json must be a quoted JSON string'),
  duplicateRow: (resource: string, key: string) => bad(`${resource} already has a row with identity ${key}`),
  mutationWhere: (verb: Verb) =>
    bad(`${verbWord(verb)} matches rows by parameter and column equalities only (name = 'value' AND ...)`),
  sqlite: (message: string) => bad(`cannot evaluate the statement: ${message}`),
  /** A budget (statement time, answer size, SQLite memory) stopped the SQLite part of a statement. */
  sqliteBudget: (message: string, budget: string) => new EngineError(budget === 'statement-time' ? 503 : 400, message, `budget/${budget}`),
  /** The rows kept changing while SQLite evaluated the statement (other clients writing): nothing was changed. */
  busy: () => new EngineError(503, 'the rows this statement reads kept changing while it was evaluated; nothing was changed: try again', 'busy'),

  // ---- control API --------------------------------------------------------------------------
  overrideInvalid: (reason: string) => bad(`invalid override: ${reason}`),
  fixturesInvalid: (reason: string) => bad(`invalid fixtures: ${reason}`),
  stateInvalid: (reason: string) => bad(`invalid state request: ${reason}`),
};

/** The answer for a failure: an EngineError's status and message, else 500 naming the bug. */
export function errorResponse(error: unknown): { status: number; body: { error: string } } {
  if (error instanceof EngineError) return { status: error.status, body: { error: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: `internal error in the mock engine: ${message}` } };
}
