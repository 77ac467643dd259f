// emitContracts on the docs/ model: what it writes (deterministic, next to the client modules, a
// runtime copy that imports only what the other emitters write), the folder type-checked by tsc
// (the suites' Refuses<Methods, {...}> tables are the compile-time half of the contract), and the suites
// run by vitest against the generated MSW handlers: every contract holds.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitClients } from '../../generator/emit/clients.ts';
import { emitContracts } from '../../generator/emit/contracts.ts';
import { contractSpec as buildSpec } from '../../generator/core/build-contract-spec.ts';
import type { Resource } from '../../generator/core/model.ts';
import { renderMethod } from '../../generator/runtime/resource-client.ts';
import { layout } from '../../generator/emit/layout.ts';
import { printValue } from '../../generator/emit/print-value.ts';
import { emitValidators, resourceRowSchema } from '../../generator/emit/validators.ts';
import { emitHandlers } from '../../generator/emit/handlers.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { emitVitestDeps } from '../../generator/emit/index.ts';
import { docsModel, removeDir, runContracts, scratchDir, typecheck, writeOutput, type ContractRun } from './helpers.ts';

const model = docsModel();
const byId = (id: string) => model.resources.find((r) => r.id === id)!;
const contractSpec = (resource: Resource, baseInModel = true) => buildSpec(resource, { render: renderMethod, baseInModel });

describe('emitContracts', () => {
  const files = [...emitContracts(model), ...emitValidators(model)].sort((a, b) => (a.path < b.path ? -1 : 1));
  const paths = files.map((f) => f.path);

  it('is deterministic, sorted, with relative forward-slash paths', () => {
    const reversed = JSON.parse(JSON.stringify({ ...model, resources: [...model.resources].reverse() }));
    const again = [...emitContracts(reversed), ...emitValidators(reversed)].sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(again).toEqual(files);
    expect(paths).toEqual([...paths].sort());
    expect(paths.every((p) => !p.startsWith('/') && !p.includes('\\'))).toBe(true);
    expect(paths).toEqual(
      expect.arrayContaining([
        'contract/harness.ts',
        'contract/vitest.config.ts',
        'contract/google/cloudidentity/userinvitations.test.ts',
        'validators/google/cloudidentity/userinvitations.js',
        'validators/google/cloudidentity/userinvitations.d.ts',
        'validators/index.ts',
      ]),
    );
    expect(runtimeFiles().map((f) => f.path)).toEqual(
      expect.arrayContaining(['contract-runtime/suite.ts', 'contract-runtime/validate.ts', 'contract-runtime/reporter.ts']),
    );
  });

  it('puts one suite and one validator next to every client module', () => {
    const clientPaths = new Set(emitClients(model).map((f) => f.path));
    const paths_ = layout(model.resources).paths;
    expect(paths_.size).toBe(model.resources.length);
    for (const [id, path] of paths_) {
      expect(clientPaths.has(`clients/${path}.js`), id).toBe(true);
      expect(clientPaths.has(`clients/${path}.d.ts`), id).toBe(true);
      expect(paths).toContain(`contract/${path}.test.ts`);
      expect(paths).toContain(`validators/${path}.js`);
      expect(paths).toContain(`validators/${path}.d.ts`);
    }
  });

  it('copies a runtime whose imports all land on files the emitters write, with .js specifiers', () => {
    const all = new Set([...emitClients(model), ...emitHandlers(model), ...runtimeFiles(), emitVitestDeps('copy'), ...files].map((f) => f.path));
    for (const f of [...files, ...runtimeFiles()]) {
      const code = f.content.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const [, spec] of code.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        expect(spec, `${f.path} imports ${spec}`).toMatch(/\.js$/);
        // A module the emitters write as .js (the runtime bundles and their chunks), or as .ts.
        const target = posix.normalize(posix.join(posix.dirname(f.path), spec));
        expect(all.has(target) || all.has(target.replace(/\.js$/, '.ts')), `${f.path} imports ${spec}, which no emitter writes`).toBe(true);
      }
    }
  });

  it('keeps the suites thin: one call (the suite derives its data from the model at run time), plus the compile-time checks', () => {
    const suite = files.find((f) => f.path === 'contract/google/cloudidentity/userinvitations.test.ts')!.content;
    expect(suite).toContain('\ncontractSuite(resource, rowValidator);\n');
    // No data of the resource's beyond its id, title and page in the header: no spec, no names lists.
    expect(suite).not.toMatch(/sample-|mailsSentCount|roundTrip|const names/);
    expect(suite).toContain("import { resource, type Methods } from '../../../clients/google/cloudidentity/userinvitations.js';");
    expect(suite).toContain("import { rowValidator } from '../../../validators/google/cloudidentity/userinvitations.js';");
    expect(suite).toContain("import { contractSuite, type Refuses } from '../../harness.js';");
    expect(suite.match(/contractSuite\(/g)).toHaveLength(1);
    // The compile-time half: one table, each method's first required argument.
    expect(suite).toContain("export type RequiredArguments = Refuses<Methods, {\n  get: 'customersId';\n");
    expect(suite).not.toContain('@ts-expect-error');
    expect(suite).not.toMatch(/\b(describe|it|expect)\(/);
  });

  it('checks each column as the client types it: the row as JSON Schema, from the same type references', () => {
    expect(resourceRowSchema(byId('google.cloudidentity.userinvitations')).properties).toEqual({
      name: { type: ['string', 'null'] },
      mailsSentCount: { type: ['string', 'null'], format: 'int64', pattern: '^-?[0-9]+$' },
      state: { type: ['string', 'null'] },
      updateTime: expect.objectContaining({ type: ['string', 'null'], format: 'google-datetime' }),
      nextPageToken: { type: ['string', 'null'] },
      userInvitations: { type: ['array', 'null'] },
    });
    const buckets = resourceRowSchema(byId('example.storage.buckets')).properties as Record<string, unknown>;
    expect(buckets.storageClass).toEqual({ type: ['string', 'null'], enum: ['STANDARD', 'NEARLINE', 'COLDLINE', null] });
    expect(buckets.sizeBytes).toMatchObject({ format: 'uint64', pattern: '^[0-9]+$' });
    expect((resourceRowSchema(byId('confluent.iam.invitations')).properties as Record<string, unknown>).creator).toEqual({
      type: ['object', 'null'],
      properties: { id: { type: 'string' } },
    });
    expect((resourceRowSchema(byId('example.compute.instances')).properties as Record<string, unknown>).cpu_count).toEqual({ type: ['integer', 'null'] });
    const validator = files.find((f) => f.path === 'validators/google/cloudidentity/userinvitations.js')!.content;
    // The schema as data (one line of JSON), compiled by the runtime on first use: no code of ajv's, no @ts-nocheck.
    expect(validator).not.toMatch(/@ts-nocheck|function validate|from 'ajv|require\(/);
    const literal = /^export const \{ columns, rowValidator \} = defineRowValidator\('google\.cloudidentity\.userinvitations', ('.*')\);$/m.exec(validator)?.[1];
    expect(literal, 'the schema on one line, the columns its properties').toBeDefined();
    expect(JSON.parse(new Function(`return ${literal}`)() as string)).toEqual(resourceRowSchema(byId('google.cloudidentity.userinvitations')));
  });

  it('checks a view\'s select when its base is in the model, and skips it, saying why, when it is not', () => {
    const view = byId('example.storage.vw_buckets');
    expect(contractSpec(view).methods.map((m) => [m.key, m.required, m.skip])).toEqual([['select', ['project'], undefined]]);
    const alone = contractSpec(view, false);
    expect(alone.methods.map((m) => m.skip)).toEqual(['the view reads example.storage.buckets, which is not in the model (generate with its page too)']);
  });

  it('decides the cases from the docs: required params only another method does not cover, round trips by identity', () => {
    const ui = contractSpec(byId('google.cloudidentity.userinvitations'));
    const get = ui.methods.find((m) => m.key === 'get')!;
    // Without userinvitationsId the statement is a valid `list`: only customersId must be refused.
    expect(get.withoutRequired).toEqual([{ param: 'customersId', arg: 'customersId' }]);
    expect(get.example?.shape).toEqual({
      verb: 'select',
      target: 'google.cloudidentity.userinvitations',
      where: ['customersId', 'userinvitationsId'],
      columns: ['name', 'mailsSentCount', 'state', 'updateTime'],
    });
    expect(get.lookup).toEqual({ method: 'list', args: { customersId: 'sample-customersid' }, columns: ['name'], fill: { userinvitationsId: 'name' } });
    expect(ui.roundTrip).toBeUndefined(); // no INSERT

    const buckets = contractSpec(byId('example.storage.buckets'));
    expect(buckets.roundTrip).toMatchObject({ keyFromCreate: ['name'], keyFields: ['name'], readBack: { name: 'name', storageClass: 'storageClass' } });
    expect(buckets.roundTrip?.update).toMatchObject({ method: 'patch', key: { bucket: 0 } });
    const invitations = contractSpec(byId('confluent.iam.invitations'));
    expect(invitations.roundTrip).toMatchObject({ keyFields: ['id'], readBack: { email: 'email' } });
    expect(invitations.roundTrip?.keyFromCreate).toBeUndefined(); // read off the list
    expect(invitations.examples.map((e) => [e.line, e.verb, e.readOnly])).toEqual([
      [80, 'select', true],
      [109, 'insert', false],
      [145, 'delete', false],
    ]);
    expect(invitations.examples[1].sql).toContain("'user@example.com'");
  });

  it('prints data as TypeScript literals', () => {
    expect(printValue({ a: 'x', 'b-c': [1, true, null], d: { e: "it's" } })).toBe("{ a: 'x', 'b-c': [1, true, null], d: { e: 'it\\'s' } }");
  });
});

describe('the emitted docs/ folder', () => {
  let dir: string;
  let run: ContractRun;

  beforeAll(async () => {
    dir = scratchDir('docs');
    writeOutput(dir, model);
    run = await runContracts(dir);
  }, 300_000);
  afterAll(() => removeDir(dir));

  it('type-checks, and a client that lets a call leave out a required argument is a compile error', () => {
    expect(typecheck(dir)).toEqual([]);
    // Break the client on purpose: one method's args interface makes customersId optional. The
    // suite's table (`get: 'customersId'`, `list: 'customersId'`) must then fail, naming the method.
    const client = join(dir, 'clients', 'google', 'cloudidentity', 'userinvitations.d.ts');
    const text = readFileSync(client, 'utf8');
    try {
      for (const [args, method] of [['GetArgs', 'get'], ['ListArgs', 'list']] as const) {
        const block = new RegExp(`(interface ${args} \\{[^}]*?\\bcustomersId)(: string;)`);
        expect(text, `${args} has a required customersId`).toMatch(block);
        writeFileSync(client, text.replace(block, '$1?$2'));
        const errors = typecheck(dir);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/userinvitations\.test\.ts\(\d+,\d+\): error TS2344: /);
        expect(errors[0]).toContain(`${method} can be called without its required argument customersId`);
      }
    } finally {
      writeFileSync(client, text);
    }
  }, 180_000);

  it('passes every contract against the generated mocks', () => {
    const failed = run.tests.filter((t) => t.status === 'failed');
    expect(failed.map((t) => `${t.fullName}\n${t.failureMessages[0]}`)).toEqual([]);
    expect(run.code).toBe(0);
    const passed = run.tests.filter((t) => t.status === 'passed');
    expect(passed.length).toBeGreaterThanOrEqual(130);
    expect(run.report).toMatchObject({ target: 'mock', entries: [], otherFailures: [] });
    expect(run.markdown).toContain('No drift');
  });

  it('checks what it says: statements sent, rows validated, round trips through the mock', () => {
    const byTitle = (fragment: string) => run.tests.filter((t) => t.fullName.includes(fragment));
    const calls = (fragment: string) => byTitle(fragment).flatMap((t) => t.meta?.contractCalls ?? []);
    // get looks up a real key first, so its rows are validated (not an empty answer).
    expect(calls('userinvitations get (select)').map((c) => [c.status, c.rows])).toEqual([
      [200, 3],
      [200, 1],
    ]);
    // Without customersId: the mock refuses.
    expect(calls("userinvitations get without 'customersId'").map((c) => c.status)).toEqual([400]);
    const trips = byTitle('round trip:').filter((t) => t.status === 'passed');
    expect(trips.map((t) => t.fullName.split(' ')[1]).sort()).toEqual([
      'confluent.iam.invitations',
      'example.compute.instances',
      'example.compute.volumes',
      'example.network.firewalls',
      'example.storage.buckets',
    ]);
    // create, get, list, update, delete, get: the last get finds nothing.
    const bucketTrip = calls('example.storage.buckets round trip');
    expect(bucketTrip.map((c) => c.statement.split(/\s/)[0])).toEqual(['INSERT', 'SELECT', 'SELECT', 'UPDATE', 'SELECT', 'DELETE', 'SELECT']);
    expect(bucketTrip.at(-1)).toMatchObject({ status: 200, rows: 0 });
    const examples = byTitle('example at line').filter((t) => t.status === 'passed');
    expect(examples.length).toBeGreaterThanOrEqual(26);
  });
});
