/**
 * The contract suite of one resource, as vitest tests. A generated suite is one call:
 *
 *   contractSuite(resource, fields, { id, params, methods, examples, roundTrip })
 *
 * with the generated client's descriptor (`resource`), the validator's field types (`fields`) and
 * what the docs say (spec.ts). It runs the generated client against the generated MSW handlers
 * (`setupServer`), or, with CONTRACT_TARGET=http://host:port, against a real StackQL middleware
 * (POST /stackql), and checks:
 *
 *  1. each documented method: the client's statement has the shape of the docs' example (target,
 *     columns, params, body fields; compared parsed) and supplies every required param; the
 *     server accepts it; a SELECT's rows satisfy the client's row type (validate.ts);
 *  2. each SELECT method's `SELECT *` rows carry exactly the documented fields (params allowed);
 *  3. each required param: the statement without it is refused (400) with a message naming it;
 *  4. create → get → list → update → delete, and a get after delete finds nothing;
 *  5. every SQL example of the page, placeholders filled, is accepted.
 *
 * Against a real server only reads (SELECT, SHOW, DESCRIBE) run unless CONTRACT_ALLOW_MUTATIONS=1.
 * Every disagreement is recorded on the test (`task.meta.drift`) before the test fails, and the
 * reporter (reporter.ts) writes them all to contract-drift.json / .md.
 *
 * Environment (read in the test workers):
 *   CONTRACT_TARGET           http://host:port of a StackQL middleware, or postgres://host:port of
 *                             `stackql srv` (target.ts); unset: the generated mocks
 *   CONTRACT_ALLOW_MUTATIONS  1: also INSERT/UPDATE/REPLACE/DELETE/EXEC against CONTRACT_TARGET
 *   CONTRACT_VALUES           a JSON file of argument values to use instead of the samples:
 *                             { "*": { "project": "my-project" }, "<resource id>": { "name": "x" } }
 *   CONTRACT_SEED             the mock's seed (default 1)
 *   CONTRACT_TIMEOUT_MS       per request (default 30000)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { createClient, type StackQLClient } from '../../generator/runtime/client.ts';
import { bindResource, type ResourceDescriptor } from '../../generator/runtime/resource-client.ts';
import type { ExecuteOptions, QueryResult, Transport } from '../../generator/runtime/transport.ts';
import { missingParamsIn, paramsNamedIn, type DriftCheck, type DriftEntry } from './drift.ts';
import { renderSelectStar, renderWithout } from './statements.ts';
import { compareShapes, shapeOf, suppliedNames, supplies, type StatementShape } from '../../generator/core/statement-shape.ts';
import type { ContractSpec, MethodContract, RoundTripContract, RoundTripStep } from '../../generator/core/contract-spec.ts';
import { validateRows, type FieldTypes, type Violation } from './validate.ts';
import { connectTarget } from './target.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** What this contract test found (reporter.ts gathers them). */
    drift?: DriftEntry[];
    /** The statements this contract test sent: status (0: refused before any answer) and row count. */
    contractCalls?: Array<{ statement: string; status: number; rows: number }>;
  }
}

/** The generated `mocks/handlers.js` as the harness needs it. */
export interface MockModule {
  createHandlers(options: { baseUrl?: string; seed?: number }): unknown[] & { readonly engine: { reset(): void } };
}

export interface ContractHarnessOptions {
  /** Loads the generated MSW handlers (only when there is no CONTRACT_TARGET). */
  mocks: () => Promise<MockModule>;
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
}

export interface ContractSettings {
  /** The real endpoint; undefined: the mock. */
  target?: string;
  mutations: boolean;
  seed: number;
  timeoutMs: number;
  /** Argument values by resource id ('*': every resource). */
  values: Record<string, Record<string, unknown>>;
}

/** Where the mocked middleware lives: an origin no real request goes to. */
export const MOCK_BASE_URL = 'http://stackql.contract.mock';

export function contractSettings(env: Record<string, string | undefined> = process.env): ContractSettings {
  const target = env.CONTRACT_TARGET?.trim() || undefined;
  const settings: ContractSettings = {
    target,
    mutations: target === undefined || /^(1|true|yes)$/i.test(env.CONTRACT_ALLOW_MUTATIONS ?? ''),
    seed: Number.parseInt(env.CONTRACT_SEED ?? '', 10) || 1,
    timeoutMs: Number.parseInt(env.CONTRACT_TIMEOUT_MS ?? '', 10) || 30_000,
    values: {},
  };
  if (env.CONTRACT_VALUES) {
    const parsed: unknown = JSON.parse(readFileSync(env.CONTRACT_VALUES, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError(`CONTRACT_VALUES: ${env.CONTRACT_VALUES} must hold a JSON object`);
    settings.values = parsed as ContractSettings['values'];
  }
  return settings;
}

export interface ContractHarness {
  readonly settings: ContractSettings;
  contractSuite(resource: ResourceDescriptor<any>, fields: FieldTypes, spec: ContractSpec): void;
}

export function createContractHarness(options: ContractHarnessOptions): ContractHarness {
  const settings = contractSettings(options.env);
  return {
    settings,
    contractSuite: (resource, fields, spec) => defineContractSuite(resource, fields, spec, settings, options.mocks),
  };
}

// --- one call and its outcome ------------------------------------------------------------------

interface Outcome {
  /** The statement sent (undefined when the client refused the arguments). */
  statement?: string;
  rows?: Record<string, unknown>[];
  /** A refusal: HTTP status (undefined for a protocol error) and the server's message. */
  status?: number;
  message?: string;
}

/** A transport that remembers the last statement it was given. */
function recording(inner: Transport): Transport & { last?: string } {
  const transport: Transport & { last?: string } = {
    execute(query: string, options?: ExecuteOptions): Promise<QueryResult> {
      transport.last = query;
      return inner.execute(query, options);
    },
  };
  return transport;
}

function isServerRefusal(error: unknown): error is Error & { status?: number; serverMessage?: string } {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'StackQLHttpError' || name === 'StackQLProtocolError';
}

// --- findings ------------------------------------------------------------------------------------

class Findings {
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

  add(entry: Omit<DriftEntry, 'resource' | 'method' | 'check'> & { method?: string }): void {
    this.entries.push({ resource: this.resource, method: this.method, check: this.check, ...entry });
  }

  /**
   * A refused statement: a missing param when the server says so, else a rejection (with the param
   * or field its message names, when it names exactly one the docs know).
   */
  refused(outcome: Outcome, known: { params: readonly string[]; fields: readonly string[] }, what = 'the statement'): void {
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
      const first = group[0];
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

// --- the suite -----------------------------------------------------------------------------------

const keyText = (parts: readonly unknown[]) => JSON.stringify(parts.map((p) => (p === null || p === undefined ? null : String(p))));

export function defineContractSuite(
  resource: ResourceDescriptor<any>,
  fields: FieldTypes,
  spec: ContractSpec,
  settings: ContractSettings,
  mocks: () => Promise<MockModule>,
): void {
  const live = settings.target !== undefined;
  const server = live ? 'the server' : 'the mock';
  const values = { ...(settings.values['*'] ?? {}), ...(settings.values[spec.id] ?? {}) };
  const withValues = (args: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...args };
    for (const name of Object.keys(out)) if (Object.prototype.hasOwnProperty.call(values, name)) out[name] = values[name];
    return out;
  };
  const hasFields = Object.keys(fields).length > 0;
  const known = { params: [...new Set([...spec.params, ...spec.methods.flatMap((m) => m.required)])], fields: Object.keys(fields) };

  let transport: (Transport & { last?: string }) | undefined;
  let client: StackQLClient | undefined;
  let bound: Record<string, (args?: object, options?: object) => Promise<unknown[]>> = {};
  let stop: (() => void) | undefined;
  let reset: (() => void) | undefined;
  /** The findings of the test running now (tests of one file run one at a time). */
  let current: Findings | undefined;
  const findings = (task: TestContext['task'], method: string, check: DriftCheck): Findings => (current = new Findings(task, spec.id, method, check, server));

  const trace = (outcome: Outcome): Outcome => current?.traced(outcome) ?? outcome;

  async function call(method: string, args: Record<string, unknown>, columns?: readonly string[]): Promise<Outcome> {
    const fn = bound[method];
    if (typeof fn !== 'function') throw new Error(`the generated client of ${spec.id} has no method '${method}'`);
    transport!.last = undefined;
    try {
      const rows = (await fn(args, columns ? { columns } : undefined)) as Record<string, unknown>[];
      return trace({ statement: transport!.last, rows });
    } catch (error) {
      if (isServerRefusal(error)) return trace({ statement: transport!.last, status: error.status, message: error.serverMessage ?? error.message });
      throw error;
    }
  }

  async function send(statement: string): Promise<Outcome> {
    try {
      return trace({ statement, rows: (await client!.execute(statement)).data });
    } catch (error) {
      if (isServerRefusal(error)) return trace({ statement, status: error.status, message: error.serverMessage ?? error.message });
      throw error;
    }
  }

  /** The method's arguments, with key values read off a listed row when the contract says where. */
  async function argumentsFor(m: MethodContract): Promise<Record<string, unknown>> {
    const args = withValues(m.args);
    if (!m.lookup) return args;
    const found = await call(m.lookup.method, withValues(m.lookup.args), m.lookup.columns);
    const row = found.rows?.find((r) => Object.values(m.lookup!.fill).every((field) => r[field] !== null && r[field] !== undefined));
    if (row) for (const [arg, field] of Object.entries(m.lookup.fill)) if (!Object.prototype.hasOwnProperty.call(values, arg)) args[arg] = row[field];
    return args;
  }

  describe(`contract: ${spec.id}${live ? ` against ${settings.target}` : ''}`, () => {
    beforeAll(async () => {
      let baseUrl = settings.target;
      if (baseUrl === undefined) {
        const { createHandlers } = await mocks();
        const handlers = createHandlers({ seed: settings.seed, baseUrl: MOCK_BASE_URL });
        const { setupServer } = await import('msw/node');
        const msw = setupServer(...(handlers as unknown as Parameters<typeof setupServer>));
        msw.listen({ onUnhandledRequest: 'error' });
        stop = () => msw.close();
        reset = () => handlers.engine.reset();
        baseUrl = MOCK_BASE_URL;
      }
      const target = connectTarget(baseUrl, settings.timeoutMs);
      stop ??= () => void target.close();
      transport = recording(target.transport);
      client = createClient({ transport });
      bound = bindResource(client, resource) as unknown as typeof bound;
    }, 120_000);
    afterAll(() => stop?.());
    beforeEach(() => reset?.());

    it('the client has a method for every documented method', () => {
      const missing = spec.methods.filter((m) => !Object.prototype.hasOwnProperty.call(resource.methods, m.key)).map((m) => m.name);
      expect(missing, `documented methods without a client method`).toEqual([]);
    });

    const label = (m: MethodContract) => (m.key === m.name ? m.name : `${m.name} [${m.key}]`);

    for (const m of spec.methods) {
      const mutating = m.verb !== 'select';
      const title = `${label(m)} (${m.verb}): the client's statement matches the docs and ${server} accepts it`;
      if (m.skip) {
        it.skip(`${title}: skipped, ${m.skip}`, () => {});
        continue;
      }
      const test = live && mutating && !settings.mutations ? it.skip : it;
      test(title, async ({ task }) => {
        const f = findings(task, m.name, 'method');
        const args = await argumentsFor(m);
        const outcome = await call(m.key, args);
        const statement = outcome.statement;
        if (statement === undefined) throw new Error(`the client sent nothing for ${m.name}`);
        let shape: StatementShape;
        try {
          shape = shapeOf(statement, { templates: false });
        } catch (error) {
          throw new Error(`the client's statement for ${m.name} does not parse: ${(error as Error).message}\n${statement}`);
        }
        if (m.example) {
          for (const d of compareShapes(m.example.shape, shape, { allowExtra: m.required })) {
            f.add({ kind: 'statement-shape', field: [...d.missing, ...d.extra].join(', '), expected: m.example.shape[d.part]?.toString(), actual: shape[d.part]?.toString(), statement, message: `${d.message} [docs line ${m.example.line}]` });
          }
        }
        const supplied = suppliedNames(shape);
        for (const p of m.required) {
          if (!supplies(supplied, p)) f.add({ kind: 'statement-shape', param: p, statement, message: `the client's statement does not supply the required param '${p}'` });
        }
        if (outcome.rows === undefined) f.refused(outcome, known);
        else if (m.verb === 'select') {
          const asked = shape.columns && !shape.columns.includes('*') ? shape.columns : m.fields ?? [];
          f.violations(validateRows(fields, outcome.rows, { columns: asked, allowExtra: hasFields ? spec.params : true }), statement);
        }
        f.assertNone();
      });
    }

    for (const m of spec.methods) {
      if (m.verb !== 'select' || m.skip || !m.fields || m.fields.length === 0) continue;
      it(`${label(m)}: SELECT * rows carry the documented fields and no others`, async ({ task }) => {
        const f = findings(task, m.name, 'select-star');
        const statement = renderSelectStar(resource, m.key, await argumentsFor(m));
        const outcome = await send(statement);
        if (outcome.rows === undefined) f.refused(outcome, known, 'SELECT *');
        else f.violations(validateRows(fields, outcome.rows, { columns: m.fields, allowExtra: spec.params }), statement);
        f.assertNone();
      });
    }

    for (const m of spec.methods) {
      for (const w of m.withoutRequired ?? []) {
        const test = live && m.verb !== 'select' && !settings.mutations ? it.skip : it;
        test(`${label(m)} without '${w.param}': ${server} refuses it, naming the param`, async ({ task }) => {
          const f = findings(task, m.name, 'required-param');
          const args = withValues(m.args);
          delete args[w.arg];
          const statement = renderWithout(resource, m.key, w.arg, args);
          const outcome = await send(statement);
          if (outcome.rows !== undefined) {
            f.add({ kind: 'required-param-not-enforced', param: w.param, statement, message: `${server} accepted ${m.name} without the required param '${w.param}'` });
          } else if (outcome.status !== 400) {
            f.add({ kind: 'rejected-statement', param: w.param, status: outcome.status, serverMessage: outcome.message, statement, message: `${server} refused ${m.name} without '${w.param}' with status ${outcome.status ?? 'none'} instead of 400: ${outcome.message}` });
          } else if (paramsNamedIn(outcome.message ?? '', [w.param]).length === 0) {
            f.add({ kind: 'missing-param', param: w.param, status: outcome.status, serverMessage: outcome.message, statement, message: `${server} refused ${m.name} without '${w.param}' but its message does not name it: ${outcome.message}` });
          }
          f.assertNone();
        });
      }
    }

    if (spec.roundTrip) {
      const rt = spec.roundTrip;
      const test = live && !settings.mutations ? it.skip : it;
      const steps = ['create', 'get', 'list', ...(rt.update ? ['update'] : []), 'delete', 'get'].join(' → ');
      test(`round trip: ${steps} finds nothing`, async ({ task }) => {
        const f = findings(task, 'round trip', 'round-trip');
        await roundTrip(rt, f);
        f.assertNone();
      });
    } else if (spec.noRoundTrip) {
      it.skip(`round trip: ${spec.noRoundTrip}`, () => {});
    }

    for (const e of spec.examples) {
      const title = `example at line ${e.line} (${e.verb.toUpperCase()}${e.method ? ` ${e.method}` : ''}) runs on ${server}`;
      if (e.skip) {
        it.skip(`${title}: skipped, ${e.skip}`, () => {});
        continue;
      }
      const test = live && !e.readOnly && !settings.mutations ? it.skip : it;
      test(title, async ({ task }) => {
        const f = findings(task, `example at line ${e.line}`, 'example');
        const outcome = await send(e.sql);
        if (outcome.rows === undefined) f.refused(outcome, known, `the docs' example at line ${e.line}`);
        f.assertNone();
      });
    }
  });

  async function roundTrip(rt: RoundTripContract, f: Findings): Promise<void> {
    const createArgs = withValues(rt.create.args);
    const keyOf = (row: Record<string, unknown>): string | undefined => {
      if (rt.keyFields.some((k) => k === null || row[k] === null || row[k] === undefined)) return undefined;
      return keyText(rt.keyFields.map((k) => row[k!]));
    };
    const stepArgs = (step: RoundTripStep, key: string | undefined): Record<string, unknown> => {
      const args = withValues(step.args);
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
      const listed = await call(rt.list.method, stepArgs(rt.list, undefined), rt.list.columns);
      if (failed(listed, `the list (${rt.list.method})`)) return undefined;
      return new Set(listed.rows!.map(keyOf).filter((k): k is string => k !== undefined));
    };

    let key = rt.keyFromCreate ? keyText(rt.keyFromCreate.map((a) => createArgs[a])) : undefined;
    const before = key === undefined ? await listKeys() : undefined;
    if (key === undefined && before === undefined) return;

    const created = await call(rt.create.method, createArgs);
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
      key = fresh[0];
    }

    const readBack = async (what: string, expected: Record<string, string>, args: Record<string, unknown>): Promise<boolean> => {
      const got = await call(rt.get.method, stepArgs(rt.get, key), rt.get.columns);
      if (failed(got, `the get (${rt.get.method}) ${what}`)) return false;
      if (got.rows!.length !== 1) {
        f.add({ kind: 'round-trip', statement: got.statement, message: `the get (${rt.get.method}) ${what} returned ${got.rows!.length} rows instead of 1 for key ${key}` });
        return false;
      }
      const row = got.rows![0];
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
      const updated = await call(rt.update.method, updateArgs);
      if (failed(updated, `the update (${rt.update.method})`)) return;
      if (!(await readBack('after the update', rt.update.expect, updateArgs))) return;
    }

    const deleted = await call(rt.delete.method, stepArgs(rt.delete, key));
    if (failed(deleted, `the delete (${rt.delete.method})`)) return;
    const gone = await call(rt.get.method, stepArgs(rt.get, key), rt.get.columns);
    if (gone.rows === undefined) {
      // A 404-like refusal is what "finds nothing" looks like on some servers.
      if (!/not found|404|does not exist|no such/i.test(gone.message ?? '')) f.refused(gone, known, `the get (${rt.get.method}) after the delete`);
    } else if (gone.rows.length > 0) {
      f.add({ kind: 'round-trip', statement: gone.statement, message: `the get (${rt.get.method}) after the delete still finds ${gone.rows.length} row(s) for key ${key}` });
    }
  }
}
