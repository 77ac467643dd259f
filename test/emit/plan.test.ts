// The decisions behind the clients, one by one: names, types, how a statement follows the docs'
// example or is derived from the method, and the layout and determinism of the output.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitClients, emitResourceModule, printDescriptor } from '../../generator/emit/clients.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { NameAllocator, docText, jsdoc, pascalCase, propertyKey, safeMemberName, tsString } from '../../generator/core/ts-names.ts';
import { hintsOf, markPlaceholders, planResource } from '../../generator/core/plan.ts';
import { STRING, fieldType, manifestType, paramType, printType } from '../../generator/core/ts-types.ts';
import type { Model } from '../../generator/core/model.ts';
import { renderMethod } from '../../generator/runtime/resource-client.ts';
import { awkward, clashing, example, field, manifest, method, param, resource } from './fixtures.ts';
import { REFERENCE_PAGES, docsModel, modelOf, removeDir, scratchDir, writeFiles } from './helpers.ts';

const descriptorOf = (r: ReturnType<typeof resource>, key: string) => planResource(r).methods.find((m) => m.key === key)!.descriptor;
const argsOf = (r: ReturnType<typeof resource>, key: string) =>
  planResource(r).methods.find((m) => m.key === key)!.args.map((a) => `${a.key}${a.required ? '' : '?'}: ${printType(a.type)}`);
const render = (r: ReturnType<typeof resource>, key: string, args: object) => {
  const plan = planResource(r);
  return renderMethod({ id: r.id, methods: Object.fromEntries(plan.methods.map((m) => [m.key, m.descriptor])) }, key, args);
};

describe('names', () => {
  it('quotes property keys that are not identifiers, and only those', () => {
    expect(['$filter', 'If-Match', '@odata.type', '2fa', 'delete', 'a b', 'ok_1'].map(propertyKey)).toEqual([
      '$filter', "'If-Match'", "'@odata.type'", "'2fa'", 'delete', "'a b'", 'ok_1',
    ]);
  });

  it('writes string literals that survive quotes, backslashes and line separators', () => {
    expect(tsString("it's \\ \n \u2028")).toBe("'it\\'s \\\\ \\n \\u2028'");
  });

  it('makes method names safe members, keeping reserved words (client.delete is fine)', () => {
    expect(['well-known.get', '2fa', 'delete', '__proto__', '', 'a$b'].map(safeMemberName)).toEqual([
      'well_known_get', '_2fa', 'delete', '__proto___', '_', 'a$b',
    ]);
    expect(['list_by_resource_group', '$filter', '2fa', 'get'].map(pascalCase)).toEqual(['ListByResourceGroup', 'Filter', '_2fa', 'Get']);
  });

  it('hands out unique names with numbered suffixes', () => {
    const names = new NameAllocator(['Row'], { caseInsensitive: true });
    expect([names.take('get'), names.take('get'), names.take('GET'), names.take('row')]).toEqual(['get', 'get_2', 'GET_3', 'row_2']);
  });

  it('keeps doc comments short, single-line and unable to close the comment', () => {
    expect(docText('a */ b\n c')).toBe('a *\\/ b c');
    expect(docText(`${'word '.repeat(100)}`, 40)).toBe('word word word word word word word word…');
    expect(jsdoc('short', '  ')).toBe('  /** short */\n');
    expect(jsdoc('word '.repeat(30).trim(), '', 40).split('\n')[0]).toBe('/**');
  });
});

describe('types', () => {
  it('maps field types: string (int64) is a string, integers numbers, enums unions, unknown unknown', () => {
    expect(printType(fieldType(field('n', 'string (int64)')))).toBe('string');
    expect(printType(fieldType(field('n', 'integer (int32)')))).toBe('number');
    expect(printType(fieldType(field('n', 'number (double)')))).toBe('number');
    expect(printType(fieldType(field('n', 'boolean')))).toBe('boolean');
    expect(printType(fieldType(field('n', 'string', { enum: ['A', "B'C"] })))).toBe("'A' | 'B\\'C'");
    // No cap: the client's union is what the validator accepts.
    expect(printType(fieldType(field('n', 'string', { enum: Array.from({ length: 65 }, (_, k) => `V${k}`) }))).split(' | ')).toHaveLength(65);
    expect(printType(fieldType(field('n', 'object')))).toBe('Record<string, unknown>');
    expect(printType(fieldType(field('n', 'array')))).toBe('unknown[]');
    expect(printType(fieldType(field('n', '')))).toBe('unknown');
    expect(printType(fieldType(field('n', 'any')))).toBe('unknown');
  });

  it('types objects and arrays from the manifest tree, open to keys the manifest does not show', () => {
    const node = { name: 'x', line: 1, props: [{ name: 'id', value: 'string', line: 2 }, { name: 'n', value: '{{ 3 }}', line: 3 }] };
    const list = { name: 'tags', line: 1, props: [{ name: '[0]', line: 2, props: [{ name: 'Key', value: '{{ Key }}', line: 3 }] }] };
    const r = resource('p.s.r', { fields: [field('x', 'object'), field('tags', 'array')], manifest: manifest([{ name: 'r', line: 1, props: [node, list] }]) });
    expect(printType(fieldType(r.fields[0]))).toBe('{ id?: string; n?: number; [key: string]: unknown }');
    expect(printType(fieldType(r.fields[1]))).toBe('Array<{ Key?: unknown; [key: string]: unknown }>');
    expect(printType(manifestType(manifest([{ name: 'v', value: 'true', line: 1 }])[0]))).toBe('boolean');
    expect(printType(manifestType(manifest([{ name: 'v', value: 'hello', line: 1, validValues: ['a', 'b'] }])[0]))).toBe("'a' | 'b'");
  });

  it('types parameters from the Parameters table; undescribed ones take any scalar', () => {
    expect(paramType(param('p', 'integer (int32)'))).not.toBe(STRING);
    expect(printType(paramType(param('p', 'integer (int32)')))).toBe('number');
    expect(printType(paramType(param('p', 'string (int64)')))).toBe('string');
    expect(printType(paramType(param('p', '')))).toBe('string | number | boolean');
  });
});

describe('statements that follow the docs\' example', () => {
  it('keeps the example\'s naming: data__ columns with plain argument names, parameters plain', () => {
    const r = resource('p.s.r', {
      fields: [field('name'), field('size', 'integer')],
      params: [param('project')],
      methods: [method('insert', 'insert', ['project'])],
      examples: [example('insert', "INSERT INTO p.s.r (data__name, data__size, project) SELECT '{{ name }}', {{ size }}, '{{ project }}';")],
    });
    expect(descriptorOf(r, 'insert').values).toEqual([['data__name', 'name'], ['data__size', 'size'], 'project']);
    expect(argsOf(r, 'insert')).toEqual(['name?: string', 'size?: number', 'project: string']);
    expect(render(r, 'insert', { project: 'p1', size: 3 })).toBe("INSERT INTO p.s.r (\ndata__size,\nproject\n)\nSELECT\n3,\n'p1';");
  });

  it('adds the method\'s parameters the example leaves out, required first', () => {
    const r = resource('p.s.r', {
      fields: [field('id')],
      methods: [method('list', 'select', ['a', 'b'], ['c'])],
      examples: [example('list', "SELECT id FROM p.s.r WHERE b = '{{ b }}';")],
    });
    expect(descriptorOf(r, 'list').where).toEqual(['b', 'a', 'c']);
    expect(render(r, 'list', { a: 1, b: 2, c: 3 })).toBe('SELECT id\nFROM p.s.r\nWHERE b = 2\nAND a = 1\nAND c = 3;');
  });

  it('tells the label hint before the verb from directives after it', () => {
    expect(hintsOf('/*+ create */\nINSERT /*+ AWAIT */ INTO p.s.r (a) SELECT 1;')).toEqual({ hint: 'create', directives: ['AWAIT'] });
    expect(hintsOf("-- note\n/*+ delete */ DELETE FROM p.s.r WHERE a = '/*+ x */';")).toEqual({ hint: 'delete', directives: [] });
    expect(hintsOf('SELECT 1;')).toEqual({ hint: undefined, directives: [] });
  });

  it('shares one argument between slots with the same placeholder, as the docs do', () => {
    const r = resource('p.s.r', {
      fields: [field('contents')],
      params: [param('bucket')],
      methods: [method('upload', 'replace', ['bucket', ['data__contents', 'body']])],
      examples: [example('upload', "REPLACE p.s.r SET data__contents = '{{ contents }}' WHERE bucket = '{{ bucket }}' AND data__contents = '{{ contents }}';")],
    });
    expect(argsOf(r, 'upload')).toEqual(['contents: string', 'bucket: string']);
    expect(render(r, 'upload', { bucket: 'b', contents: 'x' })).toBe(
      "REPLACE p.s.r\nSET\ndata__contents = 'x'\nWHERE\nbucket = 'b'\nAND data__contents = 'x';",
    );
  });

  it('reads @@json keys from the template: quoted placeholders are strings, bare ones typed by field', () => {
    const r = awkward();
    expect(descriptorOf(r, 'do').json).toEqual(['name', 'count', 'spec', 'nested']);
    expect(argsOf(r, 'do')).toEqual([
      'id: string | number | boolean',
      'name?: string',
      'count?: unknown',
      'spec?: { replicas?: number; \'label-set\'?: unknown; [key: string]: unknown }',
      'nested?: { a?: string; [key: string]: unknown }',
    ]);
    expect(render(r, 'do', { id: 'i', name: 'n', spec: { replicas: 2 } })).toBe(
      'EXEC "odd-provider"."my-service"."well-known"."do"\n@id = \'i\'\n@@json = \'{"name":"n","spec":{"replicas":2}}\';',
    );
    // Placeholders inside longer strings stay text.
    expect(JSON.parse(markPlaceholders('{ "a": "{{ a }}", "b": {{ b }}, "c": "p/{{ c }}/x", "d": [{{ d }}] }'))).toEqual({
      a: '\u0000q:a',
      b: '\u0000b:b',
      c: 'p/{{ c }}/x',
      d: ['\u0000b:d'],
    });
    // A body that is not a JSON object: one argument, sent as the whole @@json.
    expect(descriptorOf(r, 'raw').body).toBe('json');
    expect(render(r, 'raw', { id: 'i', json: ['a'] })).toContain('@@json = \'["a"]\'');
  });

  it('asks for the example\'s columns, or * when the example says *', () => {
    const r = resource('p.s.r', {
      fields: [field('a'), field('b'), field('c')],
      methods: [method('get', 'select'), method('list', 'select'), method('all', 'select')],
      examples: [example('get', 'SELECT b, a FROM p.s.r;'), example('list', 'SELECT * FROM p.s.r;')],
    });
    const plan = planResource(r);
    expect(plan.methods.map((m) => [m.key, m.descriptor.columns, m.select!.defaults])).toEqual([
      ['get', ['b', 'a'], ['b', 'a']],
      ['list', undefined, null],
      ['all', ['a', 'b', 'c'], null],
    ]);
    expect(render(r, 'list', {})).toBe('SELECT *\nFROM p.s.r;');
  });

  it('ignores examples of other resources (azure vw_ views) and of other verbs', () => {
    const r = resource('p.s.r', {
      fields: [field('a')],
      methods: [method('list', 'select', ['x'])],
      examples: [example('list', "SELECT zz FROM p.s.vw_r WHERE x = '{{ x }}';", { target: 'p.s.vw_r' })],
    });
    expect(descriptorOf(r, 'list')).toEqual({ verb: 'select', columns: ['a'], where: ['x'], required: ['x'] });
  });
});

describe('statements derived from the method (no example)', () => {
  const r = awkward();

  it('puts required body parameters in the body: data__x as written, plain names plain', () => {
    expect(descriptorOf(r, 'create').values).toEqual(['id', 'data__spec', 'items']);
    expect(descriptorOf(r, 'patch')).toMatchObject({ set: ['data__spec'], where: ['id'] });
    expect(descriptorOf(r, 'run_job')).toMatchObject({ args: ['id', 'If-Match'], json: [['spec', 'data__spec']] });
    expect(render(r, 'run_job', { id: 1, data__spec: { replicas: 1 }, 'If-Match': '*' })).toBe(
      'EXEC "odd-provider"."my-service"."well-known"."run-job"\n@id = 1,\n@"If-Match" = \'*\'\n@@json = \'{"spec":{"replicas":1}}\';',
    );
  });

  it('keeps SELECT and DELETE parameters in WHERE, required then optional', () => {
    expect(descriptorOf(r, 'get')).toMatchObject({ where: ['id', '$filter', 'If-Match'], required: ['id'] });
    expect(render(r, 'get_2', { id: 'x', 'page size': 5 })).toMatch(/WHERE id = 'x'\nAND "page size" = 5;$/);
  });

  it('gives an INSERT or UPDATE without body parameters the manifest\'s properties, optional', () => {
    const plain = resource('p.s.r', {
      fields: [field('name'), field('size', 'integer')],
      manifest: manifest([{ name: 'r', line: 1, props: [{ name: 'name', value: 'string', line: 2 }, { name: 'size', value: 'integer', line: 3 }, { name: 'project', value: '{{ project }}', line: 4 }] }]),
      params: [param('project')],
      methods: [method('insert', 'insert', ['project']), method('patch', 'update', ['project'])],
      examples: [example('other', "INSERT INTO p.s.r (data__x) SELECT 1;")],
    });
    expect(descriptorOf(plain, 'insert').values).toEqual(['project', ['data__name', 'name'], ['data__size', 'size']]);
    expect(argsOf(plain, 'patch')).toEqual(['project: string', 'name?: string', 'size?: number']);
  });

  it('names duplicate and awkward methods safely; `then` would make a client thenable', () => {
    expect(planResource(r).methods.map((m) => [m.key, m.descriptor.name ?? m.key])).toEqual([
      ['get', 'get'],
      ['get_2', 'get'],
      ['well_known_get', 'well-known.get'],
      ['then_2', 'then'],
      ['create', 'create'],
      ['patch', 'patch'],
      ['run_job', 'run-job'],
      ['do', 'do'],
      ['raw', 'raw'],
      ['delete', 'delete'],
    ]);
  });
});

describe('emitted files', () => {
  let model: Model;
  beforeAll(() => {
    model = docsModel();
  });

  it('are deterministic: the same model twice, or its resources in another order, give the same files', () => {
    const first = emitClients(model);
    expect(emitClients(model)).toEqual(first);
    expect(emitClients({ ...model, resources: [...model.resources].reverse() })).toEqual(first);
    expect(emitClients(JSON.parse(JSON.stringify(model)) as Model)).toEqual(first);
  });

  it('lay out a descriptor (.js) and its types (.d.ts) per resource, an index per service and provider, and clients/index.ts', () => {
    const paths = emitClients(modelOf(REFERENCE_PAGES)).map((f) => f.path);
    expect(paths).toEqual([
      'clients/confluent/iam/index.ts',
      'clients/confluent/iam/invitations.d.ts',
      'clients/confluent/iam/invitations.js',
      'clients/confluent/index.ts',
      'clients/google/cloudidentity/index.ts',
      'clients/google/cloudidentity/userinvitations.d.ts',
      'clients/google/cloudidentity/userinvitations.js',
      'clients/google/index.ts',
      'clients/index.ts',
    ]);
  });

  it('are tidy: two-space indentation, no trailing spaces or tabs, one final newline, lines of sensible length', () => {
    for (const file of emitClients(model).filter((f) => f.path.startsWith('clients/'))) {
      expect(file.content.endsWith('\n') && !file.content.endsWith('\n\n')).toBe(true);
      for (const line of file.content.split('\n')) {
        expect(line).not.toMatch(/[ \t]$|\t/);
        expect(/^( *)/.exec(line)![1].length % 2 === 0 || /^ +\*/.test(line)).toBe(true);
      }
      expect(file.content).not.toMatch(/\n\n\n/);
    }
  });

  it('print descriptors as plain object literals, on one line when they fit', () => {
    expect(printDescriptor({ verb: 'insert', hint: 'create', values: [['data__email', 'email']] }, '    ')).toBe(
      "{ verb: 'insert', hint: 'create', values: [['data__email', 'email']] }",
    );
    expect(printDescriptor({ verb: 'insert', name: 'create_invitation', hint: 'create', values: [['data__email', 'email'], ['data__name', 'name']] }, '    ')).toBe(
      "{\n      verb: 'insert',\n      name: 'create_invitation',\n      hint: 'create',\n      values: [['data__email', 'email'], ['data__name', 'name']],\n    }",
    );
  });

  it('emit a resource whose page lists no fields with untyped rows', () => {
    const text = emitResourceModule(resource('p.s.r', { methods: [method('list', 'select')] }), '../rt.js', 'r').types;
    expect(text).toContain('export type Row = Record<string, unknown>;');
    expect(text).toContain("list: { verb: 'select'; args: ListArgs; row: ListRow; defaults: keyof ListRow };");
  });
});

describe('awkward names at run time', () => {
  let dir: string;
  // Imported at run time from a scratch folder: typed loosely here (typecheck.test.ts checks the types).
  let index: any;
  const queries: string[] = [];

  beforeAll(async () => {
    dir = scratchDir('awkward');
    writeFiles(dir, [
      ...emitClients({ version: '1', resources: [awkward(), clashing()], diagnostics: [], summary: { pages: 2, resources: 2, skipped: {}, methods: 0, examples: 0 } }),
      ...runtimeFiles(['client']),
    ]);
    index = await import(pathToFileURL(join(dir, 'clients', 'index.ts')).href);
  });
  afterAll(() => removeDir(dir));

  it('reaches odd provider, service, resource and method names through namespaces', async () => {
    const client = index.createStackQLClient({ transport: { execute: async (q: string) => (queries.push(q), { data: [] }) } });
    await client['odd-provider']['my-service']['well-known'].delete({ id: 'x' });
    await client['odd-provider']['my-service']['well-known'].then_2({ id: 'x' });
    expect(queries).toEqual([
      'DELETE FROM "odd-provider"."my-service"."well-known"\nWHERE id = \'x\';',
      'EXEC "odd-provider"."my-service"."well-known"."then"\n@id = \'x\';',
    ]);
    // A provider named like a client member gets no namespace, but query() reaches it.
    expect(typeof client.query).toBe('function');
    await client.query('query.svc.things', 'get', { id: '1' });
    expect(queries.at(-1)).toBe("SELECT id\nFROM \"query\".svc.things\nWHERE id = '1';");
    // Awaiting a resource's namespace does not call a method named then.
    expect(await client['odd-provider']['my-service']['well-known']).toBeTruthy();
  });
});
