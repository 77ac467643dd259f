/**
 * Renders StackQL statements from plain data. The one rule: no value and no name can change a
 * statement's structure. Every value becomes exactly one literal, every name exactly one
 * identifier; anything that cannot be written that way is refused with a StackQLRenderError.
 *
 * Lexical rules followed (those of StackQL's own tokenizer, stackql-parser's token.go, which the
 * server runs before anything reaches SQLite):
 *  - String literals are single-quoted. Inside one, `''` is a quote AND a backslash escapes the
 *    next character (`\'`, `\\`, `\n`, …), as in MySQL. So backslashes are doubled here, not just
 *    quotes: with quotes alone, a value ending in `\` would swallow the closing quote and let the
 *    next value's text run as SQL. A scanner that treats `\` as a plain character (SQLite) still
 *    sees exactly one literal, only with the backslashes doubled.
 *  - Quoted identifiers use double quotes, `""` inside for one `"` (the language spec writes
 *    `"User-Agent"`). Current StackQL rejects backticks outright (LEX_ERROR), older builds took them;
 *    IDENTIFIER_QUOTE is the single switch should that ever be needed.
 */

import { StackQLRenderError } from './errors.js';

export const IDENTIFIER_QUOTE = '"';

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Every word StackQL's tokenizer turns into a keyword token, plus the language spec's keyword list.
// Quoting a name needlessly is harmless; leaving a keyword bare is a syntax error, so the list errs
// on the long side.
const KEYWORDS = new Set(
  `accessible action add against all alter analyze and array as asc asensitive auth auto_increment
  before begin between bigint binary _binary _utf8mb4 _utf8 _latin1 bit blob bool boolean both by
  call cascade case cast change char character charset check collate collation column columns
  comment committed commit condition constraint continue convert create cross cume_dist
  current_date current_time current_timestamp current_user cursor database databases day_hour
  day_microsecond day_minute day_second date datetime dec decimal declare default delayed delete
  dense_rank desc describe deterministic distinct distinctrow div double do drop dual duplicate
  each else elseif enclosed end engines enum escape escaped exec exists exit explain expansion
  extended false fetch fields float float4 float8 flush for force foreign format from full fulltext
  generated geometry geometrycollection get global grant group group_concat having high_priority
  hour_microsecond hour_minute hour_second if ignore in index indexes infile inout inner insensitive
  insert int int1 int2 int3 int4 int8 integer interactive interval into io_after_gtids is isolation
  iterate join json json_each json_array_elements_text key keys key_block_size kill language
  last_insert_id lateral leading leave left less level like list limit linear lines linestring load
  localtime localtimestamp lock login long longblob longtext loop low_priority master_bind match
  materialized maxvalue mediumblob mediumint mediumtext middleint minute_microsecond minute_second
  mod mode modifies multilinestring multipoint multipolygon names nativequery natural nchar next no
  not no_write_to_binlog null numeric off offset on only optimize optimizer_costs option optionally
  or order out outer outfile over partition plugins point polygon precision primary processlist
  procedure pull purge query range rank read reads read_write real recursive references refresh
  registry regexp release rename reorganize repair repeat repeatable replace require resignal
  restrict return returning revoke right rlike rollback row_number sa savepoint schema
  second_microsecond select sensitive separator sequence serializable serviceaccount session set
  share show signal signed sleep smallint spatial specific sql sqlexception sqlstate sqlwarning
  sql_big_result sql_cache sql_calc_found_rows sql_no_cache sql_small_result ssl stackql start
  starting status stored straight_join stream substr substring table tables temp temporary
  terminated text than then time timestamp timestampadd timestampdiff tinyblob tinyint tinytext to
  trailing traditional transaction tree trigger true truncate uncommitted undo union unique unlock
  unsigned update usage use using utc_date utc_time utc_timestamp values varbinary varchar
  varcharacter variables varying view vindex vindexes virtual vitess vitess_metadata vschema
  warnings when where while window with work write xor year year_month zerofill`.split(/\s+/),
);

// Hints sit inside a comment, so they are limited to words: `*/` must never get in.
const HINT = /^[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z_][A-Za-z0-9_]*)*$/;

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'object' && value !== null) return `a ${value.constructor?.name ?? 'null-prototype'} object`;
  return String(value);
}

function fail(message: string, column?: string): never {
  throw new StackQLRenderError(
    column === undefined ? message : `${message} (in ${JSON.stringify(column)})`,
    column === undefined ? {} : { column },
  );
}

function quoteString(text: string, column?: string): string {
  // C-based consumers stop at NUL, which would silently cut the statement short.
  if (text.includes('\u0000')) fail('a string value contains a NUL character (U+0000)', column);
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function renderLiteral(value: unknown, column?: string): string {
  switch (typeof value) {
    case 'string':
      return quoteString(value, column);
    case 'number':
      if (!Number.isFinite(value)) fail(`${value} is not a finite number and has no SQL literal`, column);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'NULL';
    case 'object': {
      if (value === null) return 'NULL';
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) fail('an invalid Date has no SQL literal', column);
        return quoteString(value.toISOString(), column);
      }
      // Maps, Sets, class instances… would serialise to `{}` or worse and lose the data silently.
      if (!Array.isArray(value) && !isPlainObject(value)) fail(`${describeValue(value)} cannot be written as JSON`, column);
      let json: string | undefined;
      try {
        json = JSON.stringify(value);
      } catch (error) {
        fail(`a value cannot be written as JSON: ${(error as Error).message}`, column);
      }
      return quoteString(json as string, column);
    }
    default:
      return fail(`${describeValue(value)} has no SQL literal`, column);
  }
}

/**
 * A value as one SQL literal: strings quoted (`'` → `''`, `\` → `\\`), finite numbers and bigints
 * as digits, booleans bare, null/undefined as NULL, plain objects and arrays as quoted JSON text,
 * Dates as quoted ISO-8601 text.
 */
export function quoteLiteral(value: unknown): string {
  return renderLiteral(value);
}

/** A name as one identifier: bare when it is a plain word and no keyword, otherwise quoted. */
export function quoteIdentifier(name: string): string {
  if (typeof name !== 'string') fail(`an identifier must be a string, got ${describeValue(name)}`);
  if (name.length === 0) fail('an identifier cannot be empty');
  if (name.includes('\u0000')) fail(`the identifier ${describeValue(name)} contains a NUL character (U+0000)`);
  if (PLAIN_IDENTIFIER.test(name) && !KEYWORDS.has(name.toLowerCase())) return name;
  const q = IDENTIFIER_QUOTE;
  return q + name.split(q).join(q + q) + q;
}

/** A dotted name, each part its own identifier. */
export function qualifiedName(parts: readonly string[]): string {
  if (parts.length === 0) fail('a qualified name needs at least one part');
  return parts.map(quoteIdentifier).join('.');
}

/** 'provider.service.resource' → its three parts, each rendered as an identifier. */
function renderTarget(target: string): string {
  const parts = typeof target === 'string' ? target.split('.') : [];
  if (parts.length !== 3 || parts.some((part) => part.length === 0)) {
    fail(`the target must be "provider.service.resource", got ${describeValue(target)}`);
  }
  return qualifiedName(parts);
}

function renderHint(hint: string | undefined): string {
  if (hint === undefined) return '';
  if (!HINT.test(hint)) fail(`the hint ${describeValue(hint)} must be words separated by single spaces`);
  return `/*+ ${hint} */\n`;
}

/** Query directives StackQL acts on (AWAIT, SHOWRESULTS) go right after the statement's verb. */
function renderDirectives(directives: readonly string[] | undefined): string {
  if (directives === undefined || directives.length === 0) return '';
  return ` ${renderHint(directives.join(' ')).trimEnd()}`;
}

function renderWhere(where: Record<string, unknown>, firstSeparator: string): string {
  const predicates = Object.entries(where ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => `${quoteIdentifier(column)} = ${renderLiteral(value, column)}`);
  return predicates.length === 0 ? '' : `\nWHERE${firstSeparator}${predicates.join('\nAND ')}`;
}

function renderReturning(returning: readonly string[] | undefined): string {
  if (returning === undefined || returning.length === 0) return '';
  return `\nRETURNING ${returning.map(quoteIdentifier).join(', ')}`;
}

/** Pairs whose value is undefined are left out: that is how an optional field is not sent. */
function definedPairs(pairs: ReadonlyArray<readonly [string, unknown]>, what: string): Array<[string, unknown]> {
  if (!Array.isArray(pairs)) fail(`${what} must be an array of [column, value] pairs`);
  return pairs.filter(([, value]) => value !== undefined).map(([column, value]) => [column, value]);
}

export interface SelectSpec {
  /** 'provider.service.resource' */
  target: string;
  /** Column names; `*` when omitted or empty. */
  columns?: readonly string[];
  /** `column = value` predicates joined by AND, in key order; undefined values are skipped. */
  where: Record<string, unknown>;
  /** A leading label comment as in the docs (`/*+ select *\/`); StackQL ignores it. */
  hint?: string;
}

export function renderSelect(spec: SelectSpec): string {
  const columns = spec.columns && spec.columns.length > 0 ? spec.columns.map(quoteIdentifier).join(', ') : '*';
  return `${renderHint(spec.hint)}SELECT ${columns}\nFROM ${renderTarget(spec.target)}${renderWhere(spec.where, ' ')};`;
}

export interface InsertSpec {
  target: string;
  /** [column, value] in column order; the caller decides naming (`data__email` or `email`). */
  values: ReadonlyArray<readonly [column: string, value: unknown]>;
  returning?: readonly string[];
  /** A leading label comment as in the docs: 'create' gives `/*+ create *\/` on its own line. */
  hint?: string;
  /** Query directives after the verb, e.g. ['AWAIT'] gives `INSERT /*+ AWAIT *\/ INTO`. */
  directives?: readonly string[];
}

export function renderInsert(spec: InsertSpec): string {
  const values = definedPairs(spec.values, 'values');
  if (values.length === 0) fail('an INSERT needs at least one column with a defined value');
  const columns = values.map(([column]) => quoteIdentifier(column)).join(',\n');
  const literals = values.map(([column, value]) => renderLiteral(value, column)).join(',\n');
  return (
    `${renderHint(spec.hint)}INSERT${renderDirectives(spec.directives)} INTO ${renderTarget(spec.target)} (\n` +
    `${columns}\n)\nSELECT\n${literals}${renderReturning(spec.returning)};`
  );
}

export interface UpdateSpec {
  /** 'update' (patch) or 'replace' (put). */
  verb: 'update' | 'replace';
  target: string;
  set: ReadonlyArray<readonly [column: string, value: unknown]>;
  where: Record<string, unknown>;
  returning?: readonly string[];
  hint?: string;
  directives?: readonly string[];
}

export function renderUpdate(spec: UpdateSpec): string {
  if (spec.verb !== 'update' && spec.verb !== 'replace') fail(`the verb must be 'update' or 'replace', got ${describeValue(spec.verb)}`);
  const set = definedPairs(spec.set, 'set');
  const statement = spec.verb === 'update' ? 'an UPDATE' : 'a REPLACE';
  if (set.length === 0) fail(`${statement} needs at least one SET column with a defined value`);
  const assignments = set.map(([column, value]) => `${quoteIdentifier(column)} = ${renderLiteral(value, column)}`);
  const where = renderWhere(spec.where, '\n');
  // As for DELETE: without WHERE, a key left undefined by mistake would mean "change every row".
  if (where === '') fail(`${statement} needs at least one WHERE predicate with a defined value`);
  return (
    `${renderHint(spec.hint)}${spec.verb.toUpperCase()}${renderDirectives(spec.directives)} ${renderTarget(spec.target)}\n` +
    `SET\n${assignments.join(',\n')}${where}${renderReturning(spec.returning)};`
  );
}

export interface DeleteSpec {
  target: string;
  where: Record<string, unknown>;
  hint?: string;
  directives?: readonly string[];
}

export function renderDelete(spec: DeleteSpec): string {
  const where = renderWhere(spec.where, ' ');
  // The spec's DELETE requires WHERE; without one a typo would mean "delete everything".
  if (where === '') fail('a DELETE needs at least one WHERE predicate with a defined value');
  return `${renderHint(spec.hint)}DELETE${renderDirectives(spec.directives)} FROM ${renderTarget(spec.target)}${where};`;
}

export interface ExecSpec {
  /** 'provider.service.resource' */
  target: string;
  method: string;
  /** `@name = value` arguments in key order; undefined values are skipped, null is refused. */
  args: Record<string, unknown>;
  /** The request body, sent as `@@json`: a JSON string as is, or an object/array serialised. */
  json?: unknown;
  hint?: string;
  directives?: readonly string[];
}

/**
 * An EXEC argument value. StackQL's grammar (`exec_var: AT_ID '=' value`) accepts only a plain
 * literal here: a string, an unsigned number or NULL — no TRUE/FALSE and no unary minus — and the
 * planner then refuses NULL ("EXEC param not supplied as valid SQLVal"). So booleans and negative
 * numbers are sent as strings (they end up as text in the HTTP request anyway), and null is refused.
 */
function renderExecValue(value: unknown, name: string): string {
  if (value === null) fail('an EXEC argument cannot be NULL; leave it out (undefined) instead', name);
  if (typeof value === 'boolean') return quoteString(String(value), name);
  if ((typeof value === 'number' && value < 0) || (typeof value === 'bigint' && value < 0n)) {
    return quoteString(renderLiteral(value, name), name);
  }
  return renderLiteral(value, name);
}

/**
 * `EXEC p.s.r.method\n@a = 'v',\n@b = 'w'\n@@json = '…';` — per the spec and its grammar
 * (`EXEC comment_opt table_name exec_var_list opt_exec_payload`) arguments are comma-separated and
 * `@@json` follows the last one with no comma.
 *
 * Argument names: the tokenizer reads `@` then either a bare word or a quoted identifier, so names
 * go through quoteIdentifier like any other: `@"If-Match"`, `@"$filter"`. (StackQL would take a bare
 * keyword after `@`, but quoting it too costs nothing and keeps simpler parsers, like the mock's, happy.)
 */
export function renderExec(spec: ExecSpec): string {
  const head = `${renderHint(spec.hint)}EXEC${renderDirectives(spec.directives)} ${renderTarget(spec.target)}.${quoteIdentifier(spec.method)}`;
  const args = Object.entries(spec.args ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `@${quoteIdentifier(name)} = ${renderExecValue(value, name)}`);
  const lines = args.length > 0 ? [args.join(',\n')] : [];
  if (spec.json !== undefined) {
    const json = spec.json;
    if (typeof json !== 'string' && (typeof json !== 'object' || json === null)) {
      fail(`@@json must be a JSON string, an object or an array, got ${describeValue(json)}`, '@@json');
    }
    lines.push(`@@json = ${renderLiteral(json, '@@json')}`);
  }
  return lines.length === 0 ? `${head};` : `${head}\n${lines.join('\n')};`;
}
