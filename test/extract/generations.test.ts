// The doc generations beyond the first two (issue 9), one hand-written fixture page each: fields as
// component data, views given by their SQL Definition, the single `## Example` section, extra
// parameters, a manifest with a fence inside it, components nobody knows, and two pages claiming
// one id. Every expectation is read off the fixture page it names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describe as descriptionFacts } from '../../generator/extract/datatype.ts';
import { extractPage } from '../../generator/extract/resource.ts';
import { typeViewFields } from '../../generator/model/view-types.ts';
import { parseStatement } from '../../generator/core/sql/index.ts';
import type { Field } from '../../generator/core/model.ts';
import { modelOf } from '../helpers/model.ts';
import { viewStatement } from '../../generator/core/example-statement.ts';

function load(path: string) {
  const r = extractPage(readFileSync(path, 'utf8'), path);
  if (r.kind !== 'resource') throw new Error(`${path} was skipped: ${r.reason}`);
  return { r: r.resource, diagnostics: r.diagnostics, blocks: r.blocks };
}
const codes = (ds: Array<{ code: string; line: number }>) => ds.map((d) => `${d.line} ${d.code}`);
/** A field tree as [name, type, children] triples: the shape the page gives. */
const shape = (fs: Field[]): unknown[] => fs.map((f) => (f.children ? [f.name, f.type, shape(f.children)] : [f.name, f.type]));

describe('fields as component data: <SchemaTable fields={[...]}> per method tab', () => {
  const { r, diagnostics, blocks } = load('docs/providers/example/compute/volumes/index.md');

  it('reads each tab\'s component as a field set, with nested children kept as the field\'s children', () => {
    expect(r.source.format).toBe('fields:tabs/SchemaTable;methods:html;extra-params');
    expect(shape(r.fields)).toEqual([
      ['volume_id', 'string'],
      ['size_gib', 'integer'],
      ['volume_type', 'string'],
      ['attachments', 'array', [['instance_id', 'string'], ['options', 'object', [['delete_on_termination', 'boolean']]]]],
      ['region', 'string'],
    ]);
    expect(r.fieldSets.map((s) => [s.method, s.label, s.fields])).toEqual([
      ['get', 'get (all properties)', ['volume_id', 'size_gib', 'volume_type', 'attachments', 'region']],
      ['list', 'list (identifiers only)', ['volume_id', 'region']],
    ]);
    // Each field's line is the line of its object's `{` (the line before its "name").
    expect(r.fields.map((f) => f.line)).toEqual([37, 42, 47, 52, 76]);
    expect(r.fields[3].children![1].children![0]).toMatchObject({ description: 'Deleted with the instance.', line: 67 });
  });

  it('types the nested children as the model\'s object and array types', () => {
    expect(r.fields[3].typeRef).toEqual({
      kind: 'array',
      items: {
        kind: 'object',
        open: false,
        properties: [
          { name: 'instance_id', type: { kind: 'string' }, description: 'The instance it is attached to.' },
          { name: 'options', type: { kind: 'object', open: false, properties: [{ name: 'delete_on_termination', type: { kind: 'boolean' }, description: 'Deleted with the instance.' }] }, description: 'How it is attached.' },
        ],
      },
    });
    expect(r.fields[1].typeRef).toEqual({ kind: 'integer' });
  });

  it('reads an enum list followed by a default, as in a table cell', () => {
    expect(r.fields[2]).toMatchObject({ enum: ['gp3', 'io2'], default: 'gp3' });
  });

  it('reads Additional Parameters as params, optional on the statements its prose names (INSERT, DELETE)', () => {
    expect(r.params.filter((p) => p.origin === 'table').map((p) => [p.name, p.description, p.line])).toEqual([
      ['ClientToken', 'A token that makes a retried request safe.', 213],
      ['RoleArn', 'The role the operation runs as.', 214],
    ]);
    expect(r.methods.map((m) => [m.name, m.optionalParams])).toEqual([
      ['create_resource', ['ClientToken', 'RoleArn']],
      ['update_resource', []],
      ['delete_resource', ['ClientToken', 'RoleArn']],
      ['list_resources', []],
      ['get_resource', []],
    ]);
  });

  it('keeps a fence inside the YAML manifest as manifest text: the UPDATE and DELETE examples after it are read', () => {
    const notes = r.manifest![0].props!.find((p) => p.name === 'notes');
    expect(notes?.value).toBe('Formatted on first attach with:\n```\nmkfs.ext4 /dev/xvdf\n```');
    expect(r.examples.map((e) => [e.verb, e.method, e.line])).toEqual([
      ['select', 'get_resource', 140],
      ['insert', 'create_resource', 160],
      ['update', 'update_resource', 193],
      ['delete', 'delete_resource', 202],
    ]);
    // The only warning is the UPDATE's own: it wraps its PatchDocument in string(), as Cloud Control pages do.
    expect(codes(diagnostics.filter((d) => d.severity !== 'info'))).toEqual(['193 examples/unknown-function']);
  });

  it('reads the Permissions tabs, named by their labels', () => {
    expect(r.permissions).toEqual([
      { operation: 'Create', actions: ['compute:CreateVolume', 'compute:TagResource'], line: 228 },
      { operation: 'Delete', actions: ['compute:DeleteVolume'], line: 236 },
    ]);
  });

  it('reads every block of the page', () => {
    expect(blocks.read).toBe(blocks.total);
    expect(codes(diagnostics).filter((c) => c.includes('unread'))).toEqual([]);
  });
});

describe('a view given by its SQL Definition, one tab per backend', () => {
  const { r, diagnostics, blocks } = load('docs/providers/example/storage/vw_buckets/index.md');

  it('is a view whose fields are the definition\'s output columns (alias, else the column)', () => {
    expect(r.kind).toBe('view');
    expect(r.source.format).toBe('fields:sql-definition;methods:sql-definition');
    expect(r.fields.map((f) => f.name)).toEqual(['bucket_name', 'storage_class', 'team', 'project']);
  });

  it('has one select method requiring the names its WHERE compares with a placeholder', () => {
    expect(r.methods.map((m) => [m.name, m.verb, m.requiredParams])).toEqual([['select', 'select', ['project']]]);
    expect(r.params.map((p) => p.name)).toEqual(['project']);
  });

  it('keeps the definition of each backend, parsed, over the base resource', () => {
    expect(r.view?.base).toBe('example.storage.buckets');
    expect(r.view?.definitions.map((d) => [d.backend, d.line, viewStatement(d)?.kind, d.parseError])).toEqual([
      ['Sqlite3', 38, 'select', undefined],
      ['Postgres', 51, 'select', undefined],
    ]);
    expect(r.view?.definitions[1].sql).toContain("json_extract_path_text(labels, 'team') as \"team\"");
    expect(blocks.read).toBe(blocks.total);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('a view\'s fields, typed from its base resource once every page is read', () => {
  const VIEW = 'docs/providers/example/storage/vw_buckets/index.md';
  const BASE = 'docs/providers/example/storage/buckets/index.md';

  it('takes a plain column\'s type and facts from the base field, a param\'s from the base param; an expression stays unknown', () => {
    const view = modelOf([BASE, VIEW]).resources.find((r) => r.id === 'example.storage.vw_buckets')!;
    expect(view.fields.map((f) => [f.name, f.type, f.enum])).toEqual([
      ['bucket_name', 'string', undefined],
      ['storage_class', 'string', ['STANDARD', 'NEARLINE', 'COLDLINE']],
      ['team', 'unknown', undefined],
      ['project', 'string', undefined],
    ]);
  });

  it('follows a JSON_EXTRACT path into the base field\'s documented children', () => {
    const base = { ...load(BASE).r, fields: [{ name: 'properties', type: 'object', rawType: 'object', description: '', typeRef: { kind: 'object' as const, properties: [], open: true }, line: 1, children: [{ name: 'state', type: 'string', rawType: 'string', description: 'Its state.', typeRef: { kind: 'string' as const, enum: ['on', 'off'] }, line: 2, enum: ['on', 'off'] }] }] };
    const sql = "SELECT JSON_EXTRACT(properties, '$.state') as \"state\", JSON_EXTRACT(properties, '$.nope') as \"nope\" FROM example.storage.buckets";
    const view = { ...load(VIEW).r, fields: [{ name: 'state', type: 'unknown', rawType: '', description: '', typeRef: { kind: 'unknown' as const }, line: 1 }, { name: 'nope', type: 'unknown', rawType: '', description: '', typeRef: { kind: 'unknown' as const }, line: 1 }], view: { definitions: [{ backend: 'Sqlite3', sql, line: 1, statement: parseStatement(sql) }] } };
    const typed = typeViewFields(view, base);
    expect(typed.typed).toBe(1);
    expect(typed.resource.fields.map((f) => [f.name, f.type, f.enum, f.description])).toEqual([
      ['state', 'string', ['on', 'off'], 'Its state.'],
      ['nope', 'unknown', undefined, ''],
    ]);
  });

  it('reports a view whose base is not in the model, and leaves its fields untyped', () => {
    const model = modelOf([VIEW]);
    expect(model.resources[0].fields.every((f) => f.type === 'unknown')).toBe(true);
    expect(model.diagnostics.filter((d) => d.code === 'view/base-missing').map((d) => [d.file, d.line])).toEqual([[VIEW, 19]]);
  });
});

describe('the older generation: one `## Example` section, and a Methods section that only says SELECT', () => {
  const { r, diagnostics, blocks } = load('docs/providers/example/monitoring/alert_policies/index.md');

  it('makes the SELECT the text says a method, requiring what its example compares', () => {
    expect(r.source.format).toBe('fields:html;methods:text');
    expect(r.methods.map((m) => [m.name, m.verb, m.requiredParams])).toEqual([['select', 'select', ['region']]]);
    expect(codes(diagnostics)).toContain('28 methods/derived-from-text');
  });

  it('reads the single Example section, verb taken from its statement', () => {
    expect(r.examples.map((e) => [e.verb, e.method, e.line])).toEqual([['select', 'select', 33]]);
    expect(r.fields.map((f) => f.name)).toEqual(['policy_id', 'severity', 'region']);
    expect(r.fields[1].enum).toEqual(['LOW', 'HIGH']);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reports the plain block of example output after it, which starts with no statement, as not an example', () => {
    expect(codes(diagnostics)).toContain('42 examples/non-sql-code');
    expect(blocks.total - blocks.read).toBe(1);
  });
});

describe('components and sections nobody knows are reported, each with its line', () => {
  const { r, diagnostics, blocks } = load('test/fixtures/reader/providers/acme/demo/gadgets/index.md');

  it('reports a fields component whose props are not data, an unknown component and an unknown table', () => {
    expect(codes(diagnostics.filter((d) => d.severity === 'warning')).sort()).toEqual([
      '18 fields/unknown-component',
      '26 page/unread-block',
      '34 page/unknown-section-with-data',
    ]);
    expect(diagnostics.find((d) => d.line === 18)?.message).toContain("prop 'source' is not data (the name 'gadgetSchema' is not plain data");
    expect(diagnostics.find((d) => d.line === 26)?.message).toBe("the <Diagram> component in section 'Methods' was not read by any extractor");
  });

  it('counts what it did not read, and still reads the rest of the page', () => {
    // Unread: <ResourceSchema>, <Diagram>, the Quotas section and its table.
    expect(blocks.total - blocks.read).toBe(4);
    expect(r.fields).toEqual([]);
    expect(r.source.format).toBe('fields:none;methods:markdown');
    expect(r.methods.map((m) => m.name)).toEqual(['list']);
    expect(r.examples).toHaveLength(1);
  });
});

describe('two pages claiming one id', () => {
  const model = modelOf(['test/fixtures/reader/providers/acme/demo/old_widgets/index.md', 'test/fixtures/reader/providers/acme/demo/widgets/index.md']);

  it('keeps the page whose folder and Name match the id, though it was read second, and reports both', () => {
    expect(model.resources.map((r) => [r.id, r.source.file, r.fields.map((f) => f.name)])).toEqual([
      ['acme.demo.widgets', 'test/fixtures/reader/providers/acme/demo/widgets/index.md', ['widgets_id']],
    ]);
    expect(model.diagnostics.filter((d) => d.code.startsWith('resource/')).map((d) => [d.code, d.file])).toEqual([
      ['resource/duplicate-id', 'test/fixtures/reader/providers/acme/demo/old_widgets/index.md'],
      ['resource/duplicate-id-kept', 'test/fixtures/reader/providers/acme/demo/widgets/index.md'],
    ]);
    expect(model.summary.skipped['duplicate-id']).toBe(1);
  });
});

describe('trailing facts of a description, in any order', () => {
  it.each([
    ['Mode. (A, B) (example: x)', { enum: ['A', 'B'], example: 'x' }],
    ['Mode. (default: A) (A, B)', { enum: ['A', 'B'], default: 'A' }],
    ['Tier. (Basic, Standard). (default: Basic)', { enum: ['Basic', 'Standard'], default: 'Basic' }],
    ['Only one value. (RAW) (default: RAW)', { enum: ['RAW'], default: 'RAW' }],
    ['Deprecated. (legacy) (default: on)', { default: 'on' }],
    ['Mode (see the guide, section 2) (A, B)', { enum: ['A', 'B'] }],
    ['Mode (A, B) (see the guide)', {}],
  ])('%s', (text, facts) => {
    expect(descriptionFacts(text)).toEqual({ description: text, ...facts });
  });

  it('reads the last groups of a description made of thousands of them', () => {
    const text = 'x ' + '(a, b) '.repeat(20_000);
    expect(descriptionFacts(text).enum).toEqual(['a', 'b']);
  });
});
