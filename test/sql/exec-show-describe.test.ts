import { describe, expect, it } from 'vitest';
import { parseStatement, type ExecStatement, type Literal } from '../../generator/core/sql/index.ts';

const exec = (sql: string) => parseStatement(sql) as ExecStatement;
const quoted = (name: string): Literal => ({ type: 'placeholder', name, quoted: true, filters: [], raw: `'{{ ${name} }}'` });

describe('EXEC', () => {
  it('reads the docs\' arguments, the comma hidden in the required comment', () => {
    const st = exec(`EXEC google.cloudidentity.userinvitations.send 
@customersId='{{ customersId }}' --required, 
@userinvitationsId='{{ userinvitationsId }}' --required;`);
    expect(st).toEqual({
      kind: 'exec',
      hints: [],
      target: { parts: ['google', 'cloudidentity', 'userinvitations', 'send'] },
      args: [
        { name: 'customersId', value: quoted('customersId'), required: true },
        { name: 'userinvitationsId', value: quoted('userinvitationsId'), required: true },
      ],
    });
  });

  it('reads a multi-line @@json template after arguments without a comma', () => {
    const st = exec(`EXEC google.compute.addresses_iam_policies.test_iam_permissions 
@project='{{ project }}' --required, 
@region='{{ region }}',
@resource='{{ resource }}' 
@@json=
'{
"permissions": "{{ permissions }}",
"count": {{ count }}
}'
;`);
    expect(st.args.map((a) => [a.name, a.required])).toEqual([
      ['project', true],
      ['region', false],
      ['resource', false],
    ]);
    expect(st.json).toEqual({
      type: 'template',
      value: '{\n"permissions": "{{ permissions }}",\n"count": {{ count }}\n}',
      placeholders: ['permissions', 'count'],
    });
  });

  it('reads @@json given as a bare placeholder', () => {
    expect(exec('EXEC p.s.r.m @a = 1, @@json = {{ body | tojson }}').json).toEqual({
      type: 'placeholder',
      name: 'body',
      quoted: false,
      filters: ['tojson'],
      raw: '{{ body | tojson }}',
    });
  });

  it('reads the language reference examples: hints, spaced =, literal values', () => {
    const st = exec(`-- Start a stopped Compute Engine resource instance
EXEC /*+ AWAIT  */ google.compute.instances.stop 
@instance = 'demo-instance-1', 
@project = 'stackql-demo', 
@zone = 'australia-southeast1-a';`);
    expect(st.hints).toEqual(['await']);
    expect(st.args).toEqual([
      { name: 'instance', value: { type: 'string', value: 'demo-instance-1' }, required: false },
      { name: 'project', value: { type: 'string', value: 'stackql-demo' }, required: false },
      { name: 'zone', value: { type: 'string', value: 'australia-southeast1-a' }, required: false },
    ]);
  });

  it('reads numbers, negative numbers, booleans and null as argument values', () => {
    expect(exec('exec p.s.r.m @a = 1, @b = -2.5, @c = true, @d = NULL').args.map((a) => a.value)).toEqual([
      { type: 'number', value: '1' },
      { type: 'number', value: '-2.5' },
      { type: 'boolean', value: true },
      { type: 'null' },
    ]);
  });

  it('reads dotted and hyphenated argument names and method names', () => {
    const st = exec("EXEC google.healthcare.fhir.binary-create @location.latitude = '1', @If-Match = '*'");
    expect(st.target.parts).toEqual(['google', 'healthcare', 'fhir', 'binary-create']);
    expect(st.args.map((a) => a.name)).toEqual(['location.latitude', 'If-Match']);
  });

  it('reads an EXEC with no arguments', () => {
    expect(exec('EXEC p.s.r.m;').args).toEqual([]);
  });

  it('refuses two arguments on one line without a comma', () => {
    expect(() => exec("EXEC p.s.r.m @a='x' @b='y'")).toThrow("line 1, column 21: expected ',' between arguments but found '@b'");
  });

  it('refuses a trailing comma and a non-literal value', () => {
    expect(() => exec("EXEC p.s.r.m @a='x',;")).toThrow("expected an argument after ',' but found ';'");
    expect(() => exec("EXEC p.s.r.m @a=upper('x')")).toThrow("line 1, column 17: expected a literal value for @a but found 'upper'");
  });

  it('refuses an unknown system variable and a second @@json', () => {
    expect(() => exec("EXEC p.s.r.m @@body='x'")).toThrow('line 1, column 14: unknown system variable @@body: only @@json is supported');
    expect(() => exec("EXEC p.s.r.m @@json='x'\n@@json='y'")).toThrow('line 2, column 1: @@json is given twice');
  });
});

describe('SHOW', () => {
  it.each([
    ['SHOW PROVIDERS', { kind: 'show', extended: false, what: 'providers' }],
    ['SHOW EXTENDED SERVICES IN google;', { kind: 'show', extended: true, what: 'services', in: { parts: ['google'] } }],
    ['show resources from google.compute', { kind: 'show', extended: false, what: 'resources', in: { parts: ['google', 'compute'] } }],
    [
      "SHOW METHODS IN google.compute.instances LIKE 'st%'",
      { kind: 'show', extended: false, what: 'methods', in: { parts: ['google', 'compute', 'instances'] }, like: 'st%' },
    ],
    ['SHOW INSERT INTO google.compute.addresses', { kind: 'show', extended: false, what: 'insert', in: { parts: ['google', 'compute', 'addresses'] } }],
    [
      'SHOW INSERT /*+ REQUIRED */ INTO google.compute.addresses',
      { kind: 'show', extended: false, what: 'insert', in: { parts: ['google', 'compute', 'addresses'] }, hints: ['required'] },
    ],
    ['SHOW EXTENDED VERSION', { kind: 'show', extended: true, what: 'version' }],
  ])('reads %s', (sql, expected) => {
    expect(parseStatement(sql)).toEqual(expected);
  });

  it('refuses an unknown collection', () => {
    expect(() => parseStatement('SHOW TABLES')).toThrow(
      "line 1, column 6: expected PROVIDERS, SERVICES, RESOURCES, METHODS, INSERT or VERSION but found 'TABLES'",
    );
  });
});

describe('DESCRIBE', () => {
  it.each([
    ['DESCRIBE google.compute.instances;', { kind: 'describe', extended: false, target: { parts: ['google', 'compute', 'instances'] } }],
    ['describe extended google.compute.instances', { kind: 'describe', extended: true, target: { parts: ['google', 'compute', 'instances'] } }],
    [
      'DESCRIBE METHOD EXTENDED google.storage.buckets.insert',
      { kind: 'describe', method: true, extended: true, target: { parts: ['google', 'storage', 'buckets', 'insert'] } },
    ],
  ])('reads %s', (sql, expected) => {
    expect(parseStatement(sql)).toEqual(expected);
  });
});
