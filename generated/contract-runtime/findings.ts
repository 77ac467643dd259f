/**
 * What one contract test found: the statements it sent and every disagreement with the docs, kept
 * on the vitest task (`task.meta.drift`, `task.meta.contractCalls`) for the reporter, then one
 * failure naming them all.
 */
import { expect, type TestContext } from 'vitest';
import type { ExecuteOptions, QueryResult, Transport } from '../runtime/transport.js';
import { missingParamsIn, paramsNamedIn, type DriftCheck, type DriftEntry } from './drift.js';
import type { Violation } from './validate.js';

declare module 'vitest' {
  interface TaskMeta {
    /** What this contract test found (reporter.ts gathers them). */
    drift?: DriftEntry[];
    /** The statements this contract test sent: status (0: refused before any answer) and row count. */
    contractCalls?: Array<{ statement: string; status: number; rows: number }>;
  }
}

export interface Outcome {
  /** The statement sent (undefined when the client refused the arguments). */
  statement?: string | undefined;
  rows?: Record<string, unknown>[];
  /** A refusal: HTTP status (undefined for a protocol error) and the server's message. */
  status?: number | undefined;
  message?: string | undefined;
}

/** A transport that remembers the last statement it was given. */
export function recording(inner: Transport): Transport & { last?: string | undefined } {
  const transport: Transport & { last?: string | undefined } = {
    execute(query: string, options?: ExecuteOptions): Promise<QueryResult> {
      transport.last = query;
      return inner.execute(query, options);
    },
  };
  return transport;
}

export function isServerRefusal(error: unknown): error is Error & { status?: number; serverMessage?: string } {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'StackQLHttpError' || name === 'StackQLProtocolError';
}

/** Names the server's messages may mention: the documented params and fields. */
export interface KnownNames {
  params: readonly string[];
  fields: readonly string[];
}

export class Findings {
  readonly entries: DriftEntry[] = [];

  constructor(
    private readonly task: TestContext['task'],
    private readonly resource: string,
    private readonly method: string,
    private readonly check: DriftCheck,
    private readonly server: string,
  ) {
    task.meta.drift = this.entries;
    task.meta.contractCalls = [];
  }

  /** Remembers a statement sent and what came back (reporters and tests read it from the task). */
  traced(outcome: Outcome): Outcome {
    if (outcome.statement !== undefined) {
      this.task.meta.contractCalls!.push({ statement: outcome.statement, status: outcome.rows ? 200 : outcome.status ?? 0, rows: outcome.rows?.length ?? 0 });
    }
    return outcome;
  }

  add(entry: Omit<DriftEntry, 'resource' | 'method' | 'check'> & { method?: string | undefined }): void {
    this.entries.push({ resource: this.resource, check: this.check, ...entry, method: entry.method ?? this.method });
  }

  /**
   * A refused statement: a missing param when the server says so, else a rejection (with the param
   * or field its message names, when it names exactly one the docs know).
   */
  refused(outcome: Outcome, known: KnownNames, what = 'the statement'): void {
    const message = outcome.message ?? '';
    const base = { status: outcome.status, serverMessage: message, statement: outcome.statement };
    const missing = missingParamsIn(message, known.params);
    if (missing.length > 0) {
      for (const param of missing) {
        this.add({ ...base, kind: 'missing-param', param, message: `${this.server} refused ${what}: param '${param}' is missing (${outcome.status ?? 'no status'}: ${message})` });
      }
      return;
    }
    const params = paramsNamedIn(message, known.params);
    const fields = paramsNamedIn(message, known.fields).filter((f) => !params.includes(f));
    const named = params.length === 1 && fields.length === 0 ? { param: params[0] } : fields.length === 1 && params.length === 0 ? { field: fields[0] } : {};
    this.add({ ...base, ...named, kind: 'rejected-statement', message: `${this.server} refused ${what} (${outcome.status ?? 'no status'}): ${message}` });
  }

  /** Row violations, one entry per field and kind (the rows it happened in counted). */
  violations(list: Violation[], statement: string | undefined): void {
    const groups = new Map<string, Violation[]>();
    for (const v of list) {
      const key = `${v.kind}\u0000${v.path}`;
      const group = groups.get(key);
      if (group) group.push(v);
      else groups.set(key, [v]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      const more = group.length > 1 ? ` (and ${group.length - 1} more row${group.length > 2 ? 's' : ''})` : '';
      this.add({ kind: first.kind, field: first.path, expected: first.expected, actual: first.actual, statement, message: `${first.message}${more}` });
    }
  }

  /** Fails the test with every finding, each naming its field or param. */
  assertNone(): void {
    if (this.entries.length === 0) return;
    const lines = this.entries.map((e) => `  - ${e.message}`);
    expect.fail(`${this.resource} ${this.method}: ${this.entries.length} disagreement(s) with the docs:\n${lines.join('\n')}`);
  }
}
