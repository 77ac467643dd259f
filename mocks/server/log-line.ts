/**
 * One log line per request (HTTP front) or statement (Postgres front), in one shape for both:
 *
 *   POST /stackql 200 0.4ms  SELECT id, email FROM confluent.iam.invitations  → 3 rows
 *   POST /stackql 400 0.3ms  SELECT id FROM confluent.iam.nope  → error: unknown resource ...
 *   GET /providers/nope/services 404 0.1ms  → error: unknown provider 'nope'
 *   pg OK 0.4ms  SELECT id, email FROM confluent.iam.invitations  → 3 rows
 *   pg XXUUU 0.3ms  SELECT id FROM confluent.iam.nope  → error: query returns error: unknown ...
 *
 * who and status (the HTTP status, or the SQLSTATE of a pg error), time, the statement on one line
 * and shortened, then the outcome. What a client sent is printed escaped: a statement cannot
 * move the cursor, clear the screen or forge a log line of its own.
 */
import type { PgLogEntry } from '../pg/session.ts';
import type { RequestLogEntry } from './server.ts';

export const STATEMENT_CHARS = 120;
export const ERROR_CHARS = 240;

// C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` on one line: whitespace runs as one space, unprintables escaped, at most `max` characters then `…`. */
export function oneLine(text: string, max: number): string {
  // Word by word until there is enough: one pass over what is shown, whitespace runs skipped once,
  // so a 1 MiB statement costs little more than a short one.
  const word = /\S+/g;
  let raw = '';
  let more = false;
  for (let m = word.exec(text); m !== null; m = word.exec(text)) {
    if (raw.length > 2 * max) {
      more = true;
      break;
    }
    raw += (raw === '' ? '' : ' ') + (m[0].length > 2 * max ? m[0].slice(0, 2 * max + 1) : m[0]);
  }
  const chars = Array.from(raw.replace(UNPRINTABLE, escape));
  if (chars.length > max) return `${chars.slice(0, max).join('').trimEnd()}…`;
  return more ? `${chars.join('')}…` : chars.join('');
}

function outcome(statement: string | undefined, error: string | undefined, rows: number | undefined): string {
  let out = '';
  if (statement !== undefined && statement.trim() !== '') out += `  ${oneLine(statement, STATEMENT_CHARS)}`;
  if (error !== undefined) out += `  → error: ${oneLine(error, ERROR_CHARS)}`;
  else if (rows !== undefined) out += `  → ${rows} row${rows === 1 ? '' : 's'}`;
  return out;
}

export function httpLogLine(entry: RequestLogEntry): string {
  return `${entry.method} ${oneLine(entry.path, ERROR_CHARS)} ${entry.status} ${entry.ms.toFixed(1)}ms${outcome(entry.statement, entry.error, entry.rows)}`;
}

export function pgLogLine(entry: PgLogEntry): string {
  if (entry.event === 'fatal') return `pg FATAL ${entry.code ?? ''}${outcome(undefined, `${entry.error ?? entry.outcome} (connection closed)`, undefined)}`;
  return `pg ${entry.code ?? 'OK'} ${entry.ms.toFixed(1)}ms${outcome(entry.statement, entry.error, entry.rows)}`;
}
