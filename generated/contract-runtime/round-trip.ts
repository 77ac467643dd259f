/**
 * The round trip against the server: create, get it back (by the key the create gave, or the one
 * new row the list shows), list, update and read back, delete, and a get that finds nothing.
 */
import type { RoundTripContract, RoundTripStep } from '../core/contract-spec.js';
import type { Findings, KnownNames, Outcome } from './findings.js';
import type { ContractSession } from './session.js';

const keyText = (parts: readonly unknown[]) => JSON.stringify(parts.map((p) => (p === null || p === undefined ? null : String(p))));

export async function runRoundTrip(session: ContractSession, rt: RoundTripContract, f: Findings, known: KnownNames): Promise<void> {
  const createArgs = session.withValues(rt.create.args);
  const keyOf = (row: Record<string, unknown>): string | undefined => {
    if (rt.keyFields.some((k) => k === null || row[k] === null || row[k] === undefined)) return undefined;
    return keyText(rt.keyFields.map((k) => row[k!]));
  };
  const stepArgs = (step: RoundTripStep, key: string | undefined): Record<string, unknown> => {
    const args = session.withValues(step.args);
    if (key !== undefined && step.key) {
      const parts = JSON.parse(key) as string[];
      for (const [arg, index] of Object.entries(step.key)) args[arg] = parts[index];
    }
    return args;
  };
  const failed = (outcome: Outcome, what: string): boolean => {
    if (outcome.rows !== undefined) return false;
    f.refused(outcome, known, what);
    return true;
  };
  const listKeys = async (): Promise<Set<string> | undefined> => {
    const listed = await session.call(rt.list.method, stepArgs(rt.list, undefined), rt.list.columns);
    if (failed(listed, `the list (${rt.list.method})`)) return undefined;
    return new Set(listed.rows!.map(keyOf).filter((k): k is string => k !== undefined));
  };

  let key = rt.keyFromCreate ? keyText(rt.keyFromCreate.map((a) => createArgs[a])) : undefined;
  const before = key === undefined ? await listKeys() : undefined;
  if (key === undefined && before === undefined) return;

  const created = await session.call(rt.create.method, createArgs);
  if (failed(created, `the create (${rt.create.method})`)) return;
  if (key === undefined) key = created.rows!.map(keyOf).find((k) => k !== undefined && !before!.has(k));
  if (key === undefined) {
    const after = await listKeys();
    if (after === undefined) return;
    const fresh = [...after].filter((k) => !before!.has(k));
    if (fresh.length !== 1) {
      f.add({ kind: 'round-trip', message: `after ${rt.create.method}, the list (${rt.list.method}) shows ${fresh.length} new rows instead of 1` });
      return;
    }
    key = fresh[0]!;
  }

  const readBack = async (what: string, expected: Record<string, string>, args: Record<string, unknown>): Promise<boolean> => {
    const got = await session.call(rt.get.method, stepArgs(rt.get, key), rt.get.columns);
    if (failed(got, `the get (${rt.get.method}) ${what}`)) return false;
    if (got.rows!.length !== 1) {
      f.add({ kind: 'round-trip', statement: got.statement, message: `the get (${rt.get.method}) ${what} returned ${got.rows!.length} rows instead of 1 for key ${key}` });
      return false;
    }
    const row = got.rows![0]!;
    for (const [field, arg] of Object.entries(expected)) {
      const want = args[arg];
      if (!Object.prototype.hasOwnProperty.call(row, field) || want === undefined || (typeof want === 'object' && want !== null)) continue;
      if (String(row[field]) !== String(want)) {
        f.add({ kind: 'round-trip', field, expected: String(want), actual: String(row[field]), statement: got.statement, message: `the get (${rt.get.method}) ${what} reads field '${field}' as ${JSON.stringify(row[field])}, not the ${JSON.stringify(want)} written` });
      }
    }
    return true;
  };

  if (!(await readBack('after the create', rt.readBack, createArgs))) return;

  const listed = await listKeys();
  if (listed === undefined) return;
  if (rt.list.columns && !listed.has(key)) {
    f.add({ kind: 'round-trip', message: `the list (${rt.list.method}) after the create does not contain the created row (key ${key})` });
  }

  if (rt.update) {
    const updateArgs = stepArgs(rt.update, key);
    const updated = await session.call(rt.update.method, updateArgs);
    if (failed(updated, `the update (${rt.update.method})`)) return;
    if (!(await readBack('after the update', rt.update.expect, updateArgs))) return;
  }

  const deleted = await session.call(rt.delete.method, stepArgs(rt.delete, key));
  if (failed(deleted, `the delete (${rt.delete.method})`)) return;
  const gone = await session.call(rt.get.method, stepArgs(rt.get, key), rt.get.columns);
  if (gone.rows === undefined) {
    // A 404-like refusal is what "finds nothing" looks like on some servers.
    if (!/not found|404|does not exist|no such/i.test(gone.message ?? '')) f.refused(gone, known, `the get (${rt.get.method}) after the delete`);
  } else if (gone.rows.length > 0) {
    f.add({ kind: 'round-trip', statement: gone.statement, message: `the get (${rt.get.method}) after the delete still finds ${gone.rows.length} row(s) for key ${key}` });
  }
}
