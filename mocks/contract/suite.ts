/**
 * The contract suite of one resource, as vitest tests. A generated suite is one call:
 *
 *   contractSuite(resource, rowValidator)
 *
 * with the generated client's descriptor (`resource`) and the validator of its rows (`rowValidator`,
 * validate.ts). What the docs say (the spec: core/contract-spec.ts) is derived when the suite is
 * collected, from the resource's model as the generated mocks entry reads it (spec.ts), so a suite
 * file carries no copy of the model. It runs the generated client against the generated MSW handlers
 * (through msw's handler resolution, handlers-fetch.ts; the global fetch is left alone), or, with CONTRACT_TARGET=http://host:port, against a real StackQL middleware
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
import { afterAll, beforeAll, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import type { ResourceDescriptor } from '../../generator/runtime/resource-client.ts';
import { deriveContractSpec } from './spec.ts';
import { paramsNamedIn, type DriftCheck } from './drift.ts';
import { renderSelectStar, renderWithout } from './statements.ts';
import { compareShapes, shapeOf, suppliedNames, supplies, type StatementShape } from '../../generator/core/statement-shape.ts';
import type { ContractSpec, MethodContract } from '../../generator/core/contract-spec.ts';
import { Findings } from './findings.ts';
import { runRoundTrip } from './round-trip.ts';
import { ContractSession, type MockModule } from './session.ts';
import { contractSettings, type ContractSettings } from './settings.ts';
import type { RowValidator } from './validate.ts';

export { contractSettings, MOCK_BASE_URL, type ContractSettings } from './settings.ts';
export type { MockModule } from './session.ts';

export interface ContractHarnessOptions {
  /**
   * Loads the generated mocks entry: every suite reads its resource's model from it (`resource`);
   * the mock itself (`createHandlers`) starts only when there is no CONTRACT_TARGET.
   */
  mocks: () => Promise<MockModule>;
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
}

export interface ContractHarness {
  readonly settings: ContractSettings;
  contractSuite(resource: ResourceDescriptor<any>, rows: RowValidator<any>): void;
}

export function createContractHarness(options: ContractHarnessOptions): ContractHarness {
  const settings = contractSettings(options.env);
  const model = async (id: string) => (await options.mocks()).resource(id);
  return {
    settings,
    contractSuite: (resource, rows) => defineContractSuite(resource, rows, () => deriveContractSpec(resource.id, model), settings, options.mocks),
  };
}

/** `spec`: what the suite checks, or how to get it (called once, when vitest collects the suite). */
export function defineContractSuite(
  resource: ResourceDescriptor<any>,
  rows: RowValidator<any>,
  spec: ContractSpec | (() => Promise<ContractSpec>),
  settings: ContractSettings,
  mocks: () => Promise<MockModule>,
): void {
  const live = settings.target !== undefined;
  describe(`contract: ${resource.id}${live ? ` against ${settings.target}` : ''}`, async () => {
    defineTests(resource, rows, typeof spec === 'function' ? await spec() : spec, settings, mocks);
  });
}

function defineTests(resource: ResourceDescriptor<any>, rows: RowValidator<any>, spec: ContractSpec, settings: ContractSettings, mocks: () => Promise<MockModule>): void {
  const live = settings.target !== undefined;
  const server = live ? 'the server' : 'the mock';
  const hasFields = rows.columns.length > 0;
  const known = { params: [...new Set([...spec.params, ...spec.methods.flatMap((m) => m.required)])], fields: rows.columns };
  const session = new ContractSession(resource, spec.id, settings, mocks);
  const findings = (task: TestContext['task'], method: string, check: DriftCheck): Findings => (session.current = new Findings(task, spec.id, method, check, server));

  beforeAll(() => session.open(), 120_000);
  afterAll(() => session.close());
  beforeEach(() => session.reset());

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
      const args = await session.argumentsFor(m);
      const outcome = await session.call(m.key, args);
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
        f.violations(rows.validateRows(outcome.rows, { columns: asked, allowExtra: hasFields ? spec.params : true }), statement);
      }
      f.assertNone();
    });
  }

  for (const m of spec.methods) {
    if (m.verb !== 'select' || m.skip || !m.fields || m.fields.length === 0) continue;
    const starTitle = `${label(m)}: SELECT * rows carry the documented fields and no others`;
    if (m.starSkip) {
      it.skip(`${starTitle}: skipped, ${m.starSkip}`, () => {});
      continue;
    }
    it(starTitle, async ({ task }) => {
      const f = findings(task, m.name, 'select-star');
      const statement = renderSelectStar(resource, m.key, await session.argumentsFor(m));
      const outcome = await session.send(statement);
      if (outcome.rows === undefined) f.refused(outcome, known, 'SELECT *');
      else f.violations(rows.validateRows(outcome.rows, { columns: m.fields, allowExtra: spec.params }), statement);
      f.assertNone();
    });
  }

  for (const m of spec.methods) {
    for (const w of m.withoutRequired ?? []) {
      const test = live && m.verb !== 'select' && !settings.mutations ? it.skip : it;
      test(`${label(m)} without '${w.param}': ${server} refuses it, naming the param`, async ({ task }) => {
        const f = findings(task, m.name, 'required-param');
        const args = session.withValues(m.args);
        delete args[w.arg];
        const statement = renderWithout(resource, m.key, w.arg, args);
        const outcome = await session.send(statement);
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
      await runRoundTrip(session, rt, f, known);
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
      const outcome = await session.send(e.sql);
      if (outcome.rows === undefined) f.refused(outcome, known, `the docs' example at line ${e.line}`);
      f.assertNone();
    });
  }
}
