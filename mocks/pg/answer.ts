/**
 * One statement's answer, as the Postgres front writes it: a housekeeping query's canned answer or
 * the engine's (MockEngine.statement), with columns typed by the model and values as text; an
 * engine refusal as StackQL words it (`XXUUU`, `query returns error: ...`).
 */
import type { MockEngine } from '../engine/types.ts';
import { columnTypes, encodeValue, OID } from './column-types.ts';
import { housekeeping } from './housekeeping.ts';
import type { Fields, WireColumn } from './server-messages.ts';

/** What a statement answered, ready to write. */
export type Answer =
  | { kind: 'rows'; columns: WireColumn[]; rows: Array<Array<string | null>>; notices: string[] }
  | { kind: 'command'; notices: string[] }
  | { kind: 'error'; code: string; message: string };

/** An error that belongs to the statement or message at hand (ERROR: the session goes on). */
export class StatementError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** ErrorResponse fields exactly as StackQL sends them: S, C, M. */
export function errorFields(code: string, message: string, severity: 'ERROR' | 'FATAL' = 'ERROR'): Fields {
  return [
    ['S', severity],
    ['C', code],
    ['M', message],
  ];
}

export async function answerStatement(engine: MockEngine, statement: string, allText: boolean): Promise<Answer> {
  const canned = housekeeping(statement);
  if (canned !== undefined) {
    if (canned.kind === 'command') return { kind: 'command', notices: [] };
    return { kind: 'rows', columns: canned.columns.map((name) => ({ name, oid: OID.text })), rows: canned.rows, notices: [] };
  }
  const result = await engine.statement(statement);
  if (!result.ok) return { kind: 'error', code: 'XXUUU', message: `query returns error: ${result.message}` };
  if (result.kind === 'command') return { kind: 'command', notices: result.notices };
  const types = columnTypes(result.columns, result.rows, allText);
  return {
    kind: 'rows',
    columns: result.columns.map((c, i) => ({ name: c.name, oid: OID[types[i]] })),
    rows: result.rows.map((row) => result.columns.map((c, i) => encodeValue(types[i], row[c.name]))),
    notices: result.notices,
  };
}
