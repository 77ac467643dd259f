// The two reference pages in docs/, checked against values read off the pages by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../generator/extract/resource.ts';
import type { Resource } from '../../generator/core/model.ts';
import { exampleStatement } from '../../generator/core/example-statement.ts';

function resourceOf(path: string): { resource: Resource; codes: string[] } {
  const r = extractPage(readFileSync(path, 'utf8'), path);
  if (r.kind !== 'resource') throw new Error(`${path} was skipped: ${r.reason}`);
  return { resource: r.resource, codes: r.diagnostics.map((d) => d.code) };
}

describe('confluent.iam.invitations (markdown tables, multi-line cells)', () => {
  const { resource: r, codes } = resourceOf('docs/providers/confluent/iam/invitations/index.md');

  it('takes its identity from the Overview Id, not the front matter (which says azure)', () => {
    expect([r.id, r.provider, r.service, r.name, r.kind]).toEqual(['confluent.iam.invitations', 'confluent', 'iam', 'invitations', 'resource']);
  });

  it('has the 11 fields of the table, in order, with their types', () => {
    expect(r.fields.map((f) => [f.name, f.rawType])).toEqual([
      ['id', 'string'], ['accepted_at', 'string'], ['api_version', 'string'], ['auth_type', 'string'],
      ['creator', 'object'], ['email', 'string'], ['expires_at', 'string'], ['kind', 'string'],
      ['metadata', ''], ['status', 'string'], ['user', 'object'],
    ]);
    expect(r.fields.find((f) => f.name === 'metadata')!.type).toBe('unknown');
  });

  it('rejoins the auth_type description that spans four lines, without the link markup', () => {
    const auth = r.fields.find((f) => f.name === 'auth_type')!;
    expect(auth.description).toBe(
      "The user/invitee's authentication type. Note that only the OrganizationAdmin role can invite AUTH_TYPE_LOCAL users to SSO organizations. The user's auth_type is set as AUTH_TYPE_SSO by default if the organization has SSO enabled. Otherwise, the user's auth_type is AUTH_TYPE_LOCAL by default.",
    );
    expect(auth.line).toBe(37);
    // The row after the multi-line one is still a row of its own.
    expect(r.fields[4]).toMatchObject({ name: 'creator', line: 41 });
    expect(codes.filter((c) => c === 'table/multiline-cell-joined')).toHaveLength(5);
  });

  it('has the 4 methods with verbs, required params and lifecycle badges', () => {
    expect(r.methods.map((m) => [m.name, m.verb, m.requiredParams, m.optionalParams])).toEqual([
      ['get_iam_v2invitation', 'select', ['id'], []],
      ['list_iam_v2invitations', 'select', [], []],
      ['create_iam_v2invitation', 'insert', [], []],
      ['delete_iam_v2invitation', 'delete', ['id'], []],
    ]);
    expect(r.methods.every((m) => m.lifecycle === 'General Availability')).toBe(true);
    expect(r.methods[2].description).toBe(
      'Make a request to create an invitation. The newly invited user will not have any permissions. Give the user permission by assigning them to one or more roles by creating role bindings for the created user.',
    );
  });

  it('knows id only by name (no Parameters table) and resolves it as a parameter, typed like the field of its name', () => {
    expect(r.params).toEqual([{ name: 'id', type: 'string', rawType: '', description: '', origin: 'methods', typeRef: { kind: 'string' }, line: 52 }]);
    expect(r.methods[0].requiredParamsResolved).toEqual(['param']);
  });

  it('has the SELECT, INSERT (all) and DELETE examples, tied to their methods', () => {
    expect(r.examples.map((e) => [e.verb, e.method, e.variant, e.line])).toEqual([
      ['select', 'list_iam_v2invitations', undefined, 80],
      ['insert', 'create_iam_v2invitation', 'all', 109],
      ['delete', 'delete_iam_v2invitation', undefined, 145],
    ]);
    expect(r.examples[0].sql.startsWith('SELECT\nid,\naccepted_at,')).toBe(true);
    expect(r.examples[2].sql).toBe("/*+ delete */\nDELETE FROM confluent.iam.invitations\nWHERE id = '{{ id }}';");
    const insert = exampleStatement(r.examples[1]);
    expect(insert?.kind).toBe('insert');
    if (insert?.kind === 'insert') {
      expect(insert.columns).toEqual(['data__email']);
      expect(insert.hints).toEqual(['create']);
    }
  });

  it('reads the manifest tab as a nested property tree', () => {
    expect(r.manifest).toHaveLength(1);
    const root = r.manifest![0];
    expect(root.name).toBe('invitations');
    expect(root.props!.map((p) => p.name)).toEqual(['email', 'auth_type', 'user', 'creator']);
    expect(root.props![0].value).toBe('string');
    expect(root.props![2].props!.map((p) => [p.name, p.value])).toEqual([['id', 'string']]);
  });
});

describe('google.cloudidentity.userinvitations (HTML tables, per-method tabs)', () => {
  const { resource: r } = resourceOf('docs/providers/google/cloudidentity/userinvitations/index.md');

  it('has the get and list field sets (4 and 2 fields) and their union', () => {
    expect(r.fieldSets.map((s) => [s.method, s.fields])).toEqual([
      ['get', ['name', 'mailsSentCount', 'state', 'updateTime']],
      ['list', ['nextPageToken', 'userInvitations']],
    ]);
    expect(r.fieldSets[1].description).toBe('Response message for UserInvitation listing request.');
    expect(r.fields).toHaveLength(6);
  });

  it('reads base (format) types and decodes entities in descriptions', () => {
    const byName = Object.fromEntries(r.fields.map((f) => [f.name, f]));
    expect(byName.mailsSentCount).toMatchObject({ type: 'string', format: 'int64', rawType: 'string (int64)' });
    expect(byName.updateTime).toMatchObject({ type: 'string', format: 'google-datetime' });
    expect(byName.userInvitations.type).toBe('array');
    expect(byName.name.description).toBe('Shall be of the form customers/{customer}/userinvitations/{user_email_address}.');
  });

  it('has the 5 methods with required and optional params in source order', () => {
    expect(r.methods.map((m) => [m.name, m.verb, m.requiredParams, m.optionalParams])).toEqual([
      ['get', 'select', ['customersId', 'userinvitationsId'], []],
      ['list', 'select', ['customersId'], ['pageSize', 'pageToken', 'filter', 'orderBy']],
      ['send', 'exec', ['customersId', 'userinvitationsId'], []],
      ['cancel', 'exec', ['customersId', 'userinvitationsId'], []],
      ['is_invitable_user', 'exec', ['customersId', 'userinvitationsId'], []],
    ]);
  });

  it('has the 6 typed parameters of the Parameters table', () => {
    expect(r.params.map((p) => [p.name, p.type, p.format])).toEqual([
      ['customersId', 'string', undefined], ['userinvitationsId', 'string', undefined],
      ['filter', 'string', undefined], ['orderBy', 'string', undefined],
      ['pageSize', 'integer', 'int32'], ['pageToken', 'string', undefined],
    ]);
    expect(r.params.every((p) => p.origin === 'table')).toBe(true);
  });

  it('has 2 SELECT and 3 EXEC examples, each tied to its tab and method', () => {
    expect(r.examples.map((e) => [e.verb, e.method, e.variant])).toEqual([
      ['select', 'get', 'get'], ['select', 'list', 'list'],
      ['exec', 'send', 'send'], ['exec', 'cancel', 'cancel'], ['exec', 'is_invitable_user', 'is_invitable_user'],
    ]);
    const get = exampleStatement(r.examples[0]);
    expect(get?.kind).toBe('select');
    if (get?.kind === 'select') {
      expect(get.where.map((p) => [p.name, p.required])).toEqual([['customersId', true], ['userinvitationsId', true]]);
    }
    const send = exampleStatement(r.examples[2]);
    expect(send?.kind).toBe('exec');
    if (send?.kind === 'exec') {
      expect(send.target.parts).toEqual(['google', 'cloudidentity', 'userinvitations', 'send']);
      expect(send.args.map((a) => [a.name, a.required])).toEqual([['customersId', true], ['userinvitationsId', true]]);
    }
  });
});
