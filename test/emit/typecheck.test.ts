// The clients of every page in docs/, type-checked by tsc as a user's strict ESM project would, in
// one tsc run together with two usage files: usage.ts (calls that must compile, with expectTypeOf
// assertions, and calls that must not, each marked @ts-expect-error) and broken.ts (the same
// wrong calls without the marks, each of which must be reported).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitClients } from '../../generator/emit/clients.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { awkward, clashing } from './fixtures.ts';
import { type TscResult, docsModel, removeDir, runTsc, scratchDir, writeFiles, writeProject } from './helpers.ts';

const USAGE_HEAD = `
import { expectTypeOf } from 'vitest';
import { bindResource, createClient, createStackQLClient, type ResourceId, type Resources, type Transport } from './clients/index.js';
import * as userinvitations from './clients/google/cloudidentity/userinvitations.js';
import { resource as invitations } from './clients/confluent/iam/invitations.js';
import { storage } from './clients/example/index.js';

declare const transport: Transport;
const client = createStackQLClient({ transport });
const ui = client.google.cloudidentity.userinvitations;
const inv = bindResource(createClient({ transport }), invitations);
`;

const USAGE_OK = `
export async function typed(): Promise<void> {
  // A SELECT returns the columns of the docs' example, typed from the fields table.
  const got = await ui.get({ customersId: 'c', userinvitationsId: 'u' });
  expectTypeOf(got).toEqualTypeOf<
    Array<{ name: string | null; mailsSentCount: string | null; state: string | null; updateTime: string | null }>
  >();
  expectTypeOf(got).toEqualTypeOf<userinvitations.GetRow[]>();

  // Chosen columns narrow the rows; the namespace call, query() and resource() agree.
  const some = await ui.list({ customersId: 'c' }, { columns: ['userInvitations'] });
  expectTypeOf(some).toEqualTypeOf<Array<{ userInvitations: unknown[] | null }>>();
  const viaQuery = await client.query('google.cloudidentity.userinvitations', 'list', { customersId: 'c', pageSize: 5 }, { columns: ['nextPageToken'] });
  expectTypeOf(viaQuery).toEqualTypeOf<Array<{ nextPageToken: string | null }>>();
  const viaResource = await client.resource('google.cloudidentity.userinvitations').get({ customersId: 'c', userinvitationsId: 'u' });
  expectTypeOf(viaResource).toEqualTypeOf<userinvitations.GetRow[]>();
  expectTypeOf(await client.query('google.cloudidentity.userinvitations', 'get', { customersId: 'c', userinvitationsId: 'u' })).toEqualTypeOf<userinvitations.GetRow[]>();

  // Other verbs answer rows of unknown shape.
  expectTypeOf(await ui.send({ customersId: 'c', userinvitationsId: 'u' })).toEqualTypeOf<Array<Record<string, unknown>>>();

  // Arguments: required ones required, optional ones optional, types from the Parameters table.
  expectTypeOf<userinvitations.ListArgs>().toEqualTypeOf<{
    customersId: string;
    pageSize?: number;
    pageToken?: string;
    filter?: string;
    orderBy?: string;
  }>();
  // Nothing required: the arguments may be left out.
  await inv.list_iam_v2invitations();
  await client.query('confluent.iam.invitations', 'list_iam_v2invitations');
  // INSERT input: the body field of the docs' example, typed from the fields table.
  expectTypeOf<Resources['confluent.iam.invitations']['create_iam_v2invitation']['args']>().toEqualTypeOf<{ email?: string }>();
  await inv.create_iam_v2invitation({ email: 'a@example.com' });
  // object fields take their shape from the manifest; string (int64) is a string; enums are unions.
  expectTypeOf<Resources['confluent.iam.invitations']['get_iam_v2invitation']['row']['user']>().toEqualTypeOf<{ id?: string; [key: string]: unknown } | null>();
  expectTypeOf<userinvitations.Row['mailsSentCount']>().toEqualTypeOf<string | null>();
  expectTypeOf<storage.buckets.Row['storageClass']>().toEqualTypeOf<'STANDARD' | 'NEARLINE' | 'COLDLINE' | null>();
  await client.example.storage.buckets.insert({ project: 'p', storageClass: 'NEARLINE', labels: { team: 'a' } });
  // Names that are not identifiers are quoted keys.
  await client.example.network.firewalls.restart({ firewallName: 'f', resourceGroupName: 'g', subscriptionId: 's', 'If-Match': '*' });
  await client.example.network.firewalls.get({ firewallName: 'f', resourceGroupName: 'g', subscriptionId: 's', $expand: 'x' });
  // The type map knows the resources of docs/, and only those.
  expectTypeOf<'confluent.iam.invitations' | 'google.cloudidentity.userinvitations' | 'example.storage.buckets'>().toExtend<ResourceId>();
  expectTypeOf<'google.cloudidentity.nope'>().not.toExtend<ResourceId>();
  // Awkward names: quoted namespaces and keys, safe method names.
  const odd = client['odd-provider']['my-service']['well-known'];
  const oddRows = await odd.get({ id: 1, $filter: 'x', 'If-Match': '*' }, { columns: ['@odata.type', '2fa', 'delete'] });
  expectTypeOf(oddRows).toEqualTypeOf<Array<{ '@odata.type': string | null; '2fa': boolean | null; delete: number | null }>>();
  await odd.then_2({ id: 'x' });
  await odd.well_known_get();
  await odd.do({ id: 'x', nested: { a: 'b' }, spec: { replicas: 2 } });
  // A provider named like a client member has no namespace, and query() still reaches it.
  expectTypeOf(client.query).toBeFunction();
  expectTypeOf(await client.query('query.svc.things', 'get', { id: 'x' })).toEqualTypeOf<Array<{ id: string | null }>>();
  // A resource's module on its own: the descriptor carries its Methods type.
  expectTypeOf(storage.buckets.resource.id).toEqualTypeOf<string>();
}
`;

// Each line below must fail to compile; the comment says why.
const WRONG = [
  `await ui.get({ customersId: 'c' }); // missing required parameter userinvitationsId`,
  `await ui.send(); // no arguments for a method with required parameters`,
  `await ui.get({ customersId: 'c', userinvitationsId: 'u' }, { columns: ['nope'] }); // unknown column`,
  `await ui.get({ customersId: 'c', userinvitationsId: 'u' }, { columns: ['nextPageToken'] }); // a column of another method`,
  `await ui.list({ customersId: 'c', pageSize: '10' }); // pageSize is an integer`,
  `await ui.get({ customersId: 1, userinvitationsId: 'u' }); // customersId is a string`,
  `await ui.list({ customersId: 'c', pagesize: 10 }); // unknown parameter (case matters)`,
  `await ui.remove({}); // unknown method`,
  `await client.query('google.cloudidentity.userinvitation', 'get', {}); // unknown resource id`,
  `await client.query('google.cloudidentity.userinvitations', 'gett', {}); // unknown method`,
  `await client.query('google.cloudidentity.userinvitations', 'get', { customersId: 'c' }); // missing required parameter`,
  `await client.query('google.cloudidentity.userinvitations', 'get', { customersId: 'c', userinvitationsId: 'u' }, { columns: ['x'] }); // unknown column`,
  `await client.example.storage.buckets.insert({ project: 'p', storageClass: 'COLD' }); // not one of the enum's values`,
  `await inv.create_iam_v2invitation({ email: 1 }); // a body field of the wrong type`,
  `await client.example.storage.buckets.insert({ storageClass: 'STANDARD' }); // missing required project`,
  `(await ui.list({ customersId: 'c' }, { columns: ['userInvitations'] }))[0]?.nextPageToken; // a column not asked for`,
  `await ui.send({ customersId: 'c', userinvitationsId: 'u' }, { columns: ['name'] }); // columns on an EXEC`,
  `await client['odd-provider']['my-service']['well-known'].then({ id: 'x' }); // then is renamed then_2`,
  `await client['odd-provider']['my-service']['well-known'].do({ id: 'x', spec: { replicas: 'two' } }); // manifest says integer`,
];

function wrongCalls(marked: boolean): string {
  const lines = WRONG.map((line) => (marked ? `  // @ts-expect-error\n  ${line}` : `  ${line}`));
  return `\nexport async function wrong(): Promise<void> {\n${lines.join('\n')}\n}\n`;
}

let dir: string;
let tsc: TscResult;

beforeAll(() => {
  dir = scratchDir('typecheck');
  // docs/, plus resources with every kind of awkward name (see fixtures.ts).
  const model = docsModel();
  writeFiles(dir, [...emitClients({ ...model, resources: [...model.resources, awkward(), clashing()] }), ...runtimeFiles(['client'])]);
  // skipLibCheck off: each client's types are a .d.ts (its descriptor the .js beside it), and those must
  // compile as strictly as the rest (only @types/node besides them).
  writeProject(dir, { verbatimModuleSyntax: true, skipLibCheck: false, types: ['node'] }, ['clients/**/*.ts', 'runtime/**/*.ts', 'usage.ts', 'broken.ts']);
  writeFileSync(join(dir, 'usage.ts'), USAGE_HEAD + USAGE_OK + wrongCalls(true));
  writeFileSync(join(dir, 'broken.ts'), USAGE_HEAD + wrongCalls(false));
  tsc = runTsc(dir);
}, 120_000);

afterAll(() => removeDir(dir));

describe('tsc over the clients of docs/ (strict, NodeNext, verbatimModuleSyntax)', () => {
  it('the generated clients and runtime type-check with zero errors', () => {
    expect(tsc.errors.filter((e) => !/^(usage|broken)\.ts\(/.test(e))).toEqual([]);
  });

  it('usage.ts compiles: every expectTypeOf holds and every @ts-expect-error line is an error', () => {
    expect(tsc.errors.filter((e) => e.startsWith('usage.ts('))).toEqual([]);
  });

  it('broken.ts: each wrong call, unmarked, is reported on its own line', () => {
    const head = USAGE_HEAD.split('\n').length + 1;
    const lines = new Set(tsc.errors.filter((e) => e.startsWith('broken.ts(')).map((e) => Number(/^broken\.ts\((\d+),/.exec(e)![1])));
    const expected = WRONG.map((_, k) => head + k + 1);
    expect([...lines].sort((a, b) => a - b)).toEqual(expected);
    expect(tsc.status).not.toBe(0);
  });
});
