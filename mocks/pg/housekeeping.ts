/**
 * The Postgres-session statements clients send on their own (protocol.md §4, "Housekeeping
 * queries"), answered here because they are not StackQL and never reach the engine:
 *   SET ... (psycopg2's `SET datestyle TO 'ISO'` at connect), BEGIN, COMMIT, ROLLBACK  → OK
 *   show transaction isolation level        → transaction_isolation = read committed
 *   show standard_conforming_strings        → on
 *   SELECT 'test' as test_value             → one row (pystackql's connection check)
 *   select pg_catalog.version()             → one row
 *   select current_schema()                 → public
 *   the hstore pg_type lookup               → zero rows (no hstore here)
 * Only these exact shapes are recognised (case and spacing aside); anything else is StackQL's.
 */

/** A canned answer: a bare `OK`, or text columns and rows. */
export type Canned = { kind: 'command' } | { kind: 'rows'; columns: string[]; rows: string[][] };

export const SERVER_VERSION_TEXT = 'PostgreSQL 15.0 (StackQL mock)';

const command: Canned = { kind: 'command' };
const one = (column: string, value: string): Canned => ({ kind: 'rows', columns: [column], rows: [[value]] });

/** `text` with comments left out, spaces collapsed, lower-cased, a trailing `;` dropped. */
function normalize(text: string): string {
  return text
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*;$/, '')
    .toLowerCase();
}

const TRANSACTION = /^(begin|commit|rollback|end|start transaction)( (work|transaction))?( isolation level [a-z ]+)?$/;
// `SELECT 'text'` or `SELECT 'text' AS name` (no FROM): a literal with '' for a quote inside.
const LITERAL_SELECT = /^\s*select\s+'((?:[^']|'')*)'(?:\s+as\s+("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*))?\s*;?\s*$/is;
const HSTORE_LOOKUP = /\bfrom pg_type\b.*\btypname = 'hstore'/;

export function housekeeping(statement: string): Canned | undefined {
  const text = normalize(statement);
  if (text.startsWith('set ')) return command;
  if (TRANSACTION.test(text)) return command;
  switch (text) {
    case 'show transaction isolation level':
      return one('transaction_isolation', 'read committed');
    case 'show standard_conforming_strings':
      return one('standard_conforming_strings', 'on');
    case 'select pg_catalog.version()':
    case 'select version()':
      return one('version', SERVER_VERSION_TEXT);
    case 'select current_schema()':
      return one('current_schema', 'public');
  }
  if (HSTORE_LOOKUP.test(text)) return { kind: 'rows', columns: ['oid', 'typarray'], rows: [] };
  const literal = LITERAL_SELECT.exec(statement);
  if (literal) {
    const [, value, alias] = literal;
    const name = alias === undefined ? '?column?' : alias.startsWith('"') ? alias.slice(1, -1).replaceAll('""', '"') : alias.toLowerCase();
    return one(name, value.replaceAll("''", "'"));
  }
  return undefined;
}
