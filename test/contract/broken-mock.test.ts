// The contract suites can fail: the docs/ suites run against MSW handlers generated from a model
// that disagrees with the docs (one resource's mock lost a field, another's renamed a param), and
// the failures, and the drift report, name that field and that param. The clients and the suites
// are the docs'; only the mock is broken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneModel, docsModel, removeDir, runContracts, scratchDir, writeOutput, type ContractRun } from './helpers.ts';

const model = docsModel();

/** The docs' model with google.cloudidentity.userinvitations.mailsSentCount gone. */
function withoutField(): ReturnType<typeof docsModel> {
  const broken = cloneModel(model);
  const r = broken.resources.find((x) => x.id === 'google.cloudidentity.userinvitations')!;
  r.fields = r.fields.filter((f) => f.name !== 'mailsSentCount');
  for (const set of r.fieldSets) set.fields = set.fields.filter((f) => f !== 'mailsSentCount');
  // The mock also answers columns the docs' SELECT examples name: a mock that lost the field forgot those too.
  for (const e of r.examples) if (e.verb === 'select') e.sql = e.sql.replace(/,\s*mailsSentCount\b|\bmailsSentCount\s*,/g, '');
  return broken;
}

/** ...and example.storage.buckets' `bucket` param called `bucketName`. */
function withRenamedParam(broken = withoutField()): ReturnType<typeof docsModel> {
  const r = broken.resources.find((x) => x.id === 'example.storage.buckets')!;
  const rename = (name: string) => (name === 'bucket' ? 'bucketName' : name);
  for (const m of r.methods) {
    m.requiredParams = m.requiredParams.map(rename);
    m.optionalParams = m.optionalParams.map(rename);
  }
  for (const p of r.params) p.name = rename(p.name);
  return broken;
}

describe('contract suites against a broken mock', () => {
  let dir: string;
  let run: ContractRun;

  beforeAll(async () => {
    dir = scratchDir('broken');
    writeOutput(dir, model, { mockModel: withRenamedParam() });
    run = await runContracts(dir, {
      files: ['contract/google/cloudidentity/userinvitations.test.ts', 'contract/example/storage/buckets.test.ts', 'contract/confluent/iam/invitations.test.ts'],
    });
  }, 300_000);
  afterAll(() => removeDir(dir));

  const failures = (resource: string) =>
    run.tests.filter((t) => t.status === 'failed' && t.fullName.includes(resource)).map((t) => `${t.title}\n${t.failureMessages[0] ?? ''}`);

  it('fails the run', () => {
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/Tests .*failed/);
  });

  it('names the field the mock dropped', () => {
    const messages = failures('google.cloudidentity.userinvitations');
    expect(messages.length).toBeGreaterThan(0);
    // The client asks for the column by name: the mock refuses the statement, naming it.
    expect(messages.find((m) => m.startsWith('get (select)'))).toMatch(/unknown column 'mailsSentCount'/);
    // SELECT * rows come back without it.
    expect(messages.find((m) => m.startsWith('get: SELECT *'))).toContain("row 0: documented field 'mailsSentCount' is missing");
    // Tests that never touch the field still pass.
    const passed = run.tests.filter((t) => t.status === 'passed' && t.fullName.includes('google.cloudidentity.userinvitations')).map((t) => t.title);
    expect(passed).toEqual(expect.arrayContaining(['list (select): the client\'s statement matches the docs and the mock accepts it', "send (exec): the client's statement matches the docs and the mock accepts it"]));
  });

  it('names the param the mock renamed', () => {
    const messages = failures('example.storage.buckets');
    expect(messages.length).toBeGreaterThan(0);
    // The client writes `bucket = '...'`: the mock no longer knows that name.
    expect(messages.find((m) => m.startsWith('delete (delete)'))).toContain("the mock refused the statement (400): unknown column 'bucket' in example.storage.buckets");
    // EXEC names its method, so the mock says which param it misses.
    expect(messages.find((m) => m.startsWith('lock_retention (exec)'))).toContain(
      "param 'bucketName' is missing (400: missing required parameter bucketName for EXEC on example.storage.buckets.lock_retention",
    );
    expect(messages.some((m) => m.startsWith('round trip'))).toBe(true);
  });

  it('leaves the resources the mock still gets right passing', () => {
    expect(failures('confluent.iam.invitations')).toEqual([]);
    expect(run.tests.filter((t) => t.fullName.includes('confluent.iam.invitations') && t.status === 'passed').length).toBeGreaterThan(5);
  });

  it('records every disagreement in the drift report, failing tests included', () => {
    const entries = run.report!.entries;
    expect(run.report!.tests.failed).toBeGreaterThan(0);
    expect(entries).toContainEqual(
      expect.objectContaining({ resource: 'google.cloudidentity.userinvitations', method: 'get', check: 'select-star', kind: 'missing-field', field: 'mailsSentCount' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        resource: 'google.cloudidentity.userinvitations',
        method: 'get',
        check: 'method',
        kind: 'rejected-statement',
        status: 400,
        serverMessage: expect.stringContaining("unknown column 'mailsSentCount'"),
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ resource: 'google.cloudidentity.userinvitations', method: 'get', kind: 'rejected-statement', field: 'mailsSentCount' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ resource: 'example.storage.buckets', method: 'delete', check: 'method', kind: 'rejected-statement', param: 'bucket', status: 400 }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ resource: 'example.storage.buckets', method: 'lock_retention', check: 'method', kind: 'missing-param', param: 'bucketName', status: 400 }),
    );
    expect(entries.every((e) => e.resource !== 'confluent.iam.invitations')).toBe(true);
    expect(run.markdown).toContain('## example.storage.buckets');
    expect(run.markdown).toContain("param 'bucketName' is missing");
  });
});
