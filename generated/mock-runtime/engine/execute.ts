/**
 * One statement, start to finish: strict-mode check, REGISTRY, parse (cached), `params`
 * substitution, per-resource overrides, dispatch by statement kind inside a store transaction, and
 * the answer: the middleware's response shape for `query` (HTTP), columns, rows and notices for
 * `statement` (a SQL session: the Postgres-wire front). Nothing escapes as an exception: every
 * failure becomes an `{error}` response or a StatementFailure (EngineError's status, 500 for a bug).
 * The budgets (budgets.ts) are applied here, for both: SQLite's time, memory and answer size
 * through the runner, the answer's size for the rows the JS path produces.
 */
import { parseStatement, StatementSyntaxError, type Statement } from '../../core/sql/index.js';
import { checkStatementSize, type MockLimits } from './budgets.js';
import type { Catalog } from './catalog.js';
import { EngineError, errorResponse, errors } from './errors.js';
import { NeedSqlite, SqliteAnswers, type SqliteJob } from './evaluate.js';
import { runExec } from './exec.js';
import { runDelete, runInsert, runUpdate, type MutationResult } from './mutate.js';
import { ParseCache } from './parse-cache.js';
import { buildTemplate, instantiate, matchShape, NOT_TEMPLATABLE, piecesOf, shapeOf, type Shape, type Template } from './statement-shapes.js';
import type { ExecContext } from './select.js';
import { runSelectStatement } from './view.js';
import { describeColumns, runDescribe, runRegistry, runShow } from './show.js';
import { openSqlite, SqliteError, type SqliteRunner } from './sqlite.js';
import type { Store } from './store.js';
import { substituteParams } from './substitute.js';
import { AnswerCache, copyRows } from './answer-cache.js';
import { checkAnswerSize, middlewareAnswer, type Outcome } from './answer.js';

export { errorResponse } from './errors.js';
import type { MockResponse, QueryRequest, ResourceOverride, Row, StatementFailure, StatementResult } from './types.js';

/** What the real middleware lets through (its allow-list), for strict mode. */
const STRICT_ALLOWED = new Set(['SELECT', 'SHOW', 'DESCRIBE', 'DESC', 'REGISTRY']);
/**
 * Rounds of "run, get SQLite's answers, run again" one statement may take (see evaluate.ts): two
 * suffice (values, then RETURNING); more happen only when other clients change the rows meanwhile.
 */
const MAX_SQLITE_ROUNDS = 6;
/** Shapes recognised in place before a statement's shape key is made (Executor.recentShape). */
const RECENT_SHAPES = 4;

/** How a SQL session (the Postgres-wire front) differs from the middleware's POST /stackql. */
interface SessionMode {
  /** Faults on a SELECT become zero rows and a notice, as StackQL reports provider failures. */
  session: boolean;
}

const HTTP_MODE: SessionMode = { session: false };
const SESSION_MODE: SessionMode = { session: true };

export interface ExecutorOptions {
  strict: boolean;
  limits: MockLimits;
  /** SQLite worker threads in Node; 0: in the calling thread. */
  sqliteThreads: number;
  locateSqlWasm?: ((file: string) => string) | undefined;
  /** Keep SELECT answers per store version (answer-cache.ts); default true. Off only to compare. */
  answerCache?: boolean | undefined;
}

export class Executor {
  private readonly parsed = new ParseCache<Statement | StatementSyntaxError>();
  /** Templates by statement shape; a first sighting's value is not kept (ParseCache.set). */
  private readonly shapes = new ParseCache<Template | typeof NOT_TEMPLATABLE>();
  /** The shapes used last, most recent first, with the text around their strings (recentShape). */
  private readonly recentShapes: { key: string; pieces: string[]; template: Template }[] = [];
  private readonly answers: AnswerCache | undefined;
  private sqlite: Promise<SqliteRunner> | undefined;
  readonly overrides = new Map<string, ResourceOverride>();

  constructor(
    private readonly catalog: Catalog,
    private readonly store: Store,
    private readonly options: ExecutorOptions,
  ) {
    this.answers = options.answerCache === false ? undefined : new AnswerCache();
  }

  /** Forgets kept answers: the catalog changed (a version of the store does not say so). */
  forgetAnswers(): void {
    this.answers?.clear();
  }

  /**
   * POST /stackql with a validated body. Synchronous up to the answer unless the statement waits
   * (an injected latency) or needs SQLite: no promise hop per layer on the common path.
   */
  query(request: QueryRequest): Promise<MockResponse> {
    const answer = this.answerNow(request, false);
    return answer instanceof Promise ? answer : Promise.resolve(answer);
  }

  /**
   * As query(), but the answer itself when it is ready at once (no promise, no microtask), for a
   * transport; with `lazyBody`, the response's `body` object (rows copied out of the answer cache,
   * the metadata) is made only if read: a transport sends the text (answerText) and never reads it.
   */
  answerNow(request: QueryRequest, lazyBody: boolean): MockResponse | Promise<MockResponse> {
    const startTime = Date.now();
    const started = performance.now();
    let ran: Outcome | Promise<Outcome>;
    try {
      ran = this.run(request, HTTP_MODE);
    } catch (error) {
      return errorResponse(error);
    }
    const limit = this.options.limits.maxAnswerBytes;
    if (ran instanceof Promise) return ran.then((outcome) => middlewareAnswer(request, outcome, limit, startTime, started, lazyBody), errorResponse);
    return middlewareAnswer(request, ran, limit, startTime, started, lazyBody);
  }

  private checkAnswerSize(outcome: Outcome): void {
    checkAnswerSize(outcome, this.options.limits.maxAnswerBytes);
  }

  /** One statement for a SQL session: see MockEngine.statement. */
  async statement(query: string): Promise<StatementResult | StatementFailure> {
    try {
      const ran = this.run({ query }, SESSION_MODE);
      const outcome = ran instanceof Promise ? await ran : ran;
      this.checkAnswerSize(outcome);
      const kind = outcome.columns === undefined ? 'command' : 'rows';
      // Rows and columns of a kept answer are the cache's: the caller gets its own.
      const rows = kind === 'rows' ? (outcome.shared ? copyRows(outcome.rows) : outcome.rows) : [];
      const columns = outcome.columns === undefined ? [] : outcome.shared ? [...outcome.columns] : outcome.columns;
      return { ok: true, kind, columns, rows, notices: outcome.notices ?? [] };
    } catch (error) {
      const { status, body } = errorResponse(error);
      return { ok: false, status, message: (body as { error: string }).error };
    }
  }

  private run(request: QueryRequest, mode: SessionMode): Outcome | Promise<Outcome> {
    const { query } = request;
    // First of all: every step after this one (REGISTRY's patterns, the shape key, the lexer) reads the whole text.
    checkStatementSize(query, this.options.limits.maxStatementBytes);
    const verb = leadingWord(query);
    if (verb === '') throw errors.emptyStatement();
    if (this.options.strict && !mode.session && !STRICT_ALLOWED.has(verb)) throw errors.strictRefused(verb);
    if (verb === 'REGISTRY') {
      const registry = runRegistry(this.catalog, query);
      if (registry !== undefined) {
        const list = /^\s*registry\s+list\b/i.test(query);
        return list ? { rows: registry, columns: [{ name: 'provider' }, { name: 'versions' }] } : { rows: registry };
      }
    }

    // An override (latency, fault) makes the answer more than a function of statement and rows.
    const cacheKey = this.answers !== undefined && this.overrides.size === 0 && verb === 'SELECT' ? answerKey(request, mode) : undefined;
    if (cacheKey !== undefined) {
      const kept = this.answers!.get(cacheKey, this.store.version);
      // The kept rows themselves: whoever hands them out copies them (see Outcome.shared).
      if (kept !== undefined) return { rows: kept.rows as Row[], columns: kept.columns, json: kept.json, sized: true, shared: true };
    }

    let statement = this.parse(query);
    if (request.params !== undefined) statement = substituteParams(statement, request.params);
    if (this.overrides.size > 0) return this.runOverridden(statement, mode);
    return this.evaluate(statement, undefined, undefined, cacheKey);
  }

  /** A statement on a store with overrides: waits out the latency, then answers or fails as the fault says. */
  private async runOverridden(statement: Statement, mode: SessionMode): Promise<Outcome> {
    const fault = await this.applyOverride(statement);
    let notices: string[] | undefined;
    if (fault !== undefined) {
      if (!mode.session || statement.kind !== 'select') throw new EngineError(fault.status, fault.message);
      notices = [`http response status code: ${fault.status}, response body: ${fault.message}`];
    }
    return this.evaluate(statement, fault !== undefined, notices, undefined);
  }

  /**
   * Runs a statement in a store transaction: synchronously, unless it needs SQLite's answers, which
   * it waits for and runs again (evaluate.ts). A SELECT answered without SQLite and without changing
   * the store is kept under `cacheKey`.
   */
  private evaluate(statement: Statement, providerFailed: boolean | undefined, notices: string[] | undefined, cacheKey: string | undefined): Outcome | Promise<Outcome> {
    const answers = new SqliteAnswers();
    const version = this.store.version;
    const first = this.attempt(statement, answers, providerFailed === true, notices);
    if (first instanceof NeedSqlite) return this.evaluateWithSqlite(statement, answers, providerFailed === true, notices, first);
    if (cacheKey !== undefined && statement.kind === 'select' && !answers.used && this.store.version === version) return this.keep(cacheKey, version, first);
    return first;
  }

  /** Keeps a SELECT's answer (checked against the answer budget first, as every answer is) and gives the caller its own rows. */
  private keep(cacheKey: string, version: number, outcome: Outcome): Outcome {
    if (!this.answers!.admits(cacheKey)) return outcome;
    this.checkAnswerSize(outcome);
    let json: string;
    try {
      json = JSON.stringify(outcome.rows);
    } catch {
      return outcome;
    }
    const kept = { rows: outcome.rows, columns: outcome.columns, json };
    this.answers!.set(cacheKey, version, kept);
    return { rows: kept.rows, columns: kept.columns, json, sized: true, shared: true };
  }

  private async evaluateWithSqlite(statement: Statement, answers: SqliteAnswers, providerFailed: boolean, notices: string[] | undefined, need: NeedSqlite): Promise<Outcome> {
    for (let round = 0; ; round++) {
      if (round >= MAX_SQLITE_ROUNDS) throw errors.busy();
      await this.answer(answers, need.jobs);
      const next = this.attempt(statement, answers, providerFailed, notices);
      if (!(next instanceof NeedSqlite)) return next;
      need = next;
    }
  }

  /** One run of the statement in a transaction: its outcome, or what SQLite must answer first (the store rolled back). */
  private attempt(statement: Statement, answers: SqliteAnswers, providerFailed: boolean, notices: string[] | undefined): Outcome | NeedSqlite {
    this.store.begin();
    try {
      const outcome = this.dispatch(statement, answers, providerFailed);
      this.store.commit();
      if (notices) outcome.notices = notices;
      return outcome;
    } catch (error) {
      this.store.rollback();
      if (error instanceof NeedSqlite) return error;
      throw error;
    }
  }

  /** Has SQLite answer the jobs a statement asked for; its errors and budget stops become EngineErrors. */
  private async answer(answers: SqliteAnswers, jobs: SqliteJob[]): Promise<void> {
    const sqlite = await this.runner();
    try {
      await Promise.all(jobs.map(async (job) => answers.set(job.key, await sqlite.run(job.sql, job.params))));
    } catch (error) {
      if (error instanceof SqliteError) throw error.budget ? errors.sqliteBudget(error.message, error.budget) : errors.sqlite(error.message);
      throw error;
    }
  }

  private runner(): Promise<SqliteRunner> {
    if (this.sqlite === undefined) {
      const { limits } = this.options;
      this.sqlite = openSqlite({
        threads: this.options.sqliteThreads,
        timeoutMs: limits.statementTimeoutMs,
        maxAnswerBytes: limits.maxAnswerBytes,
        maxMemoryBytes: limits.maxSqliteMemoryBytes,
        locateFile: this.options.locateSqlWasm,
      });
      // A failed load (no wasm file) may be retried.
      this.sqlite.catch(() => (this.sqlite = undefined));
    }
    return this.sqlite;
  }

  /** Stops SQLite's worker threads, if any were started. */
  async close(): Promise<void> {
    const sqlite = this.sqlite;
    this.sqlite = undefined;
    if (sqlite) await (await sqlite.catch(() => undefined))?.close();
  }

  /**
   * The statement's tree: by its exact text (parse-cache.ts), else by its shape when a template
   * of it exists (statement-shapes.ts: same text but for string values), else parsed. A shape
   * gets its template at its second sighting; a statement that does not parse is never templated.
   */
  private parse(query: string): Statement {
    let entry = this.parsed.get(query);
    if (entry === undefined) {
      const recent = this.recentShape(query);
      if (recent !== undefined) return recent;
      const shape = shapeOf(query);
      const template = shape === undefined ? undefined : this.shapes.get(shape.key);
      if (shape !== undefined && template !== undefined && template !== NOT_TEMPLATABLE) {
        this.noteShape(query, shape, template);
        return instantiate(template, query, shape);
      }
      entry = parseOrError(query);
      this.parsed.set(query, entry);
      if (shape !== undefined && template === undefined && !(entry instanceof StatementSyntaxError)) {
        const parsed = entry;
        const made = this.shapes.offeredOnce(shape.key) ? buildTemplate(query, shape, parsed, (text) => parseStatement(text, { templates: false })) : NOT_TEMPLATABLE;
        this.shapes.set(shape.key, made);
        if (made !== NOT_TEMPLATABLE) this.noteShape(query, shape, made);
      }
    }
    if (entry instanceof StatementSyntaxError) throw errors.syntax(entry.message);
    return entry;
  }

  /**
   * A statement of a shape used lately, from its template, with the shape found in place
   * (matchShape: no key string, no spans of a failed guess): a client sending one INSERT or SELECT
   * by key after another pays for reading its strings only. Undefined when no recent shape fits.
   */
  private recentShape(query: string): Statement | undefined {
    const recent = this.recentShapes;
    for (let i = 0; i < recent.length; i++) {
      const r = recent[i]!;
      const spans = matchShape(query, r.pieces);
      if (spans === undefined) continue;
      if (i > 0) {
        recent.splice(i, 1);
        recent.unshift(r);
      }
      return instantiate(r.template, query, { key: r.key, spans });
    }
    return undefined;
  }

  /** Notes a shape with a template as the most recent (see recentShape). */
  private noteShape(query: string, shape: Shape, template: Template): void {
    const recent = this.recentShapes;
    const at = recent.findIndex((r) => r.key === shape.key);
    if (at >= 0) recent.splice(at, 1);
    else if (recent.length >= RECENT_SHAPES) recent.pop();
    recent.unshift({ key: shape.key, pieces: piecesOf(query, shape), template });
  }

  /** Waits out the latency injected for the statement's resource, and gives back its fault (see ResourceOverride). */
  private async applyOverride(statement: Statement): Promise<ResourceOverride['fault']> {
    if (this.overrides.size === 0) return undefined;
    const parts = targetParts(statement);
    if (parts === undefined || parts.length < 3) return undefined;
    let id: string;
    try {
      id = this.catalog.resolve(parts.slice(0, 3)).id;
    } catch {
      return undefined;
    }
    const override = this.overrides.get(id);
    if (override === undefined) return undefined;
    if (override.latencyMs !== undefined && override.latencyMs > 0) await new Promise((r) => setTimeout(r, override.latencyMs));
    return override.fault;
  }

  private dispatch(statement: Statement, sqlite: SqliteAnswers, providerFailed: boolean): Outcome {
    const ctx: ExecContext = { catalog: this.catalog, store: this.store, sqlite, providerFailed };
    switch (statement.kind) {
      case 'select': {
        const rows = runSelectStatement(ctx, statement);
        return { rows, columns: ctx.columns ?? describeColumns(statement, rows) };
      }
      case 'insert':
        return mutated(runInsert(ctx, statement), ctx);
      case 'update':
      case 'replace':
        return mutated(runUpdate(ctx, statement), ctx);
      case 'delete':
        return mutated(runDelete(ctx, statement), ctx);
      case 'exec':
        return { rows: runExec(ctx, statement) };
      case 'show':
        return described(statement, runShow(this.catalog, statement));
      case 'describe':
        return described(statement, runDescribe(this.catalog, statement));
    }
  }
}

/** A mutation's outcome: its rows (RETURNING's) and count, and the columns RETURNING described. */
function mutated(result: MutationResult, ctx: ExecContext): Outcome {
  return { rows: result.rows, affected: result.affected, columns: ctx.columns };
}

function described(statement: Statement, rows: Row[]): Outcome {
  return { rows, columns: describeColumns(statement, rows) };
}

/**
 * The answer cache's key: the front (its answers differ), the params (as JSON, length-prefixed so
 * no statement text can pass for them), the statement text. The common one, POST /stackql without
 * params, is the text itself (nothing to concatenate, copy and hash again per request); the others
 * start with a NUL, which no SELECT's text starts with (a statement whose leading word is SELECT
 * starts with white space, a comment or the word: see leadingWord), so no two requests share a key.
 */
function answerKey(request: QueryRequest, mode: SessionMode): string {
  if (!mode.session && request.params === undefined) return request.query;
  const front = mode.session ? 's' : 'h';
  if (request.params === undefined) return `\u0000${front}-${request.query}`;
  const params = JSON.stringify(request.params);
  return `\u0000${front}${params.length}:${params}${request.query}`;
}

function targetParts(statement: Statement): readonly string[] | undefined {
  switch (statement.kind) {
    case 'show':
      return statement.what === 'methods' || statement.what === 'insert' ? statement.in?.parts : undefined;
    default:
      return statement.target.parts;
  }
}

/** The statement's first word, upper-cased, after whitespace, comments and hints. */
export function leadingWord(query: string): string {
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0') i++;
    else if (c === '-' && query[i + 1] === '-') {
      const end = query.indexOf('\n', i);
      i = end < 0 ? query.length : end + 1;
    } else if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end < 0 ? query.length : end + 2;
    } else break;
  }
  // The letters from there (as many as the longest verb needs, then a sign that there are more).
  let end = i;
  while (end < query.length && end - i < 16 && isLetter(query.charCodeAt(end))) end++;
  if (end > i) return query.slice(i, end).toUpperCase();
  return i >= query.length ? '' : query.slice(i, i + 1);
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function parseOrError(query: string): Statement | StatementSyntaxError {
  try {
    return parseStatement(query, { templates: false });
  } catch (error) {
    if (!(error instanceof StatementSyntaxError)) throw error;
    return error;
  }
}
