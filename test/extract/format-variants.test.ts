// One fixture page per doc-format variant (docs/providers/example/...), written for this project,
// each checked against what the page says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../generator/extract/resource.ts';
import type { Resource } from '../../generator/core/model.ts';
import { exampleStatement } from '../../generator/core/example-statement.ts';

function load(path: string) {
  const r = extractPage(readFileSync(`docs/providers/example/${path}/index.md`, 'utf8'), path);
  if (r.kind !== 'resource') throw new Error(`${path} was skipped: ${r.reason}`);
  return { r: r.resource, diagnostics: r.diagnostics, methodRows: r.methodRows };
}
const field = (r: Resource, name: string) => r.fields.find((f) => f.name === name)!;

describe('single-line HTML tables (registry aws generation)', () => {
  const { r } = load('compute/instances');

  it('reads the header and first row that share a line, and every other row', () => {
    expect(r.source.format).toBe('fields:html-inline;methods:html');
    expect(r.fields.map((f) => f.name)).toEqual(['instance_id', 'tags', 'cpu_count', 'tenancy', 'region']);
    expect(field(r, 'instance_id').line).toBe(26);
    expect(field(r, 'tags').line).toBe(27);
  });

  it('keeps raw < text that is not HTML, and reads default and enum facts', () => {
    expect(field(r, 'tags').description).toBe('Labels as a Dictionary<String, String> of key/value pairs.');
    expect(field(r, 'cpu_count')).toMatchObject({ type: 'integer', default: '2', description: 'Number of vCPUs. (default: 2)' });
    expect(field(r, 'tenancy').enum).toEqual(['default', 'dedicated', 'host']);
  });

  it('reads the three-column methods table and resolves body columns among required params', () => {
    expect(r.methods.map((m) => [m.name, m.verb, m.requiredParams.join(','), m.requiredParamsResolved.join(',')])).toEqual([
      ['create_resource', 'insert', 'CpuCount,region', 'body,param'],
      ['delete_resource', 'delete', 'data__Identifier,region', 'body,param'],
      ['update_resource', 'update', 'data__Identifier,data__PatchDocument,region', 'body,body,param'],
      ['list_resources', 'select', 'region', 'param'],
      ['get_resource', 'select', 'data__Identifier,region', 'body,param'],
    ]);
    expect(r.params.map((p) => p.name)).toEqual(['region']);
  });

  it('ties untabbed SELECT examples to methods by their WHERE params, and reads the stack-file manifest', () => {
    expect(r.examples.map((e) => [e.verb, e.method, e.variant])).toEqual([
      ['select', 'list_resources', undefined],
      ['select', 'get_resource', undefined],
      ['insert', 'create_resource', 'required'],
      ['delete', 'delete_resource', undefined],
    ]);
    expect(r.manifest!.map((n) => n.name)).toEqual(['instance']);
    expect(r.manifest![0].props!.map((p) => p.name)).toEqual(['CpuCount', 'Tags']);
  });
});

describe('view/resource tabs and markdown tables with Optional Params (registry azure generation)', () => {
  const { r, diagnostics } = load('network/firewalls');

  it('makes a field set per tab, named by the tab value and labelled by its label', () => {
    expect(r.fieldSets.map((s) => [s.method, s.label, s.fields])).toEqual([
      ['view', 'vw_firewalls', ['name', 'rule_count', 'firewallName']],
      ['resource', 'firewalls', ['id', 'properties', 'sku']],
    ]);
    expect(diagnostics.filter((d) => d.code === 'page/unclosed-tag')).toEqual([]);
  });

  it('keeps an escaped pipe inside a cell, and reads a trailing enum', () => {
    expect(field(r, 'id').description).toBe('Resource ID, like /subscriptions/{id} | or a name.');
    expect(field(r, 'sku').enum).toEqual(['Basic', 'Standard', 'Premium']);
  });

  it('reads optional params with odd names, in order', () => {
    expect(r.methods.map((m) => [m.name, m.optionalParams])).toEqual([
      ['get', ['$expand']], ['list', ['$top', '$skipToken']], ['create_or_update', []],
      ['update_tags', []], ['delete', []], ['restart', ['If-Match']],
    ]);
    expect(r.methods[2].requiredParamsResolved).toEqual(['param', 'param', 'param', 'body']);
    expect(r.params.find((p) => p.name === 'If-Match')?.in).toBe('header');
  });

  it('records that the view tab example targets the vw_ view', () => {
    expect(r.examples.map((e) => [e.verb, e.variant, e.target])).toEqual([
      ['select', 'view', 'example.network.vw_firewalls'],
      ['select', 'resource', undefined],
      ['insert', 'all', undefined],
      ['insert', 'required', undefined],
      ['update', undefined, undefined],
      ['delete', undefined, undefined],
    ]);
    expect(r.examples.filter((e) => e.verb === 'insert').every((e) => e.method === 'create_or_update')).toBe(true);
  });
});

describe('newest format: per-method tabs, <thead> tables, Parameters, CodeBlock manifest', () => {
  const { r } = load('storage/buckets');

  it('reads lower-case verbs, all five columns and the lifecycle badge', () => {
    expect(r.methods.map((m) => [m.name, m.verb, m.requiredParams.length, m.optionalParams])).toEqual([
      ['get', 'select', 2, ['projection']], ['list', 'select', 1, ['maxResults', 'prefix']],
      ['insert', 'insert', 1, []], ['patch', 'update', 2, ['updateMask']], ['update', 'replace', 2, []],
      ['delete', 'delete', 2, []], ['lock_retention', 'exec', 3, []],
    ]);
    expect(r.methods[6].lifecycle).toBe('Preview');
    expect(r.methods[6].description).toBe('Locks retention.');
  });

  it('reads pattern and example facts, formats, and markdown in HTML cells', () => {
    expect(field(r, 'name')).toMatchObject({ pattern: '^[a-z0-9][a-z0-9._-]{1,61}$', example: 'my-bucket' });
    expect(field(r, 'storageClass').enum).toEqual(['STANDARD', 'NEARLINE', 'COLDLINE']);
    expect(field(r, 'sizeBytes')).toMatchObject({ type: 'string', format: 'uint64', description: 'Total size, see quotas and limits.' });
    expect(r.params.find((p) => p.name === 'maxResults')).toMatchObject({ type: 'integer', format: 'uint32', origin: 'table' });
  });

  it('ties every example to its tab method, across all six verbs', () => {
    expect(r.examples.map((e) => [e.verb, e.method])).toEqual([
      ['select', 'get'], ['select', 'list'], ['insert', 'insert'], ['update', 'patch'], ['replace', 'update'],
      ['delete', 'delete'], ['exec', 'lock_retention'],
    ]);
    const exec = exampleStatement(r.examples[6]);
    expect(exec?.kind === 'exec' && exec.json !== undefined).toBe(true);
  });

  it('reads the CodeBlock manifest with descriptions, valid values, defaults and nested values', () => {
    const root = r.manifest![0];
    expect(root.name).toBe('buckets');
    expect(root.props!.map((p) => p.name)).toEqual(['project', 'name', 'storageClass', 'labels']);
    const storage = root.props![2];
    expect(storage.validValues).toEqual(['STANDARD', 'NEARLINE', 'COLDLINE']);
    expect(storage.default).toBe('STANDARD');
    expect(root.props![3].props!.map((p) => p.name)).toEqual(['team', 'cost_center']);
  });
});

describe('a view with an empty fields table and a repeated method name', () => {
  const { r, diagnostics, methodRows } = load('registry/images');

  it('is a view with no fields, and reports the empty table', () => {
    expect(r.kind).toBe('view');
    expect(r.fields).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toContain('fields/empty-table');
  });

  it('keeps both rows of the duplicated method and flags the second', () => {
    expect(methodRows).toBe(3);
    expect(r.methods.map((m) => [m.name, m.duplicate ?? false])).toEqual([['list_images', false], ['list_images', true], ['untag', false]]);
  });
});

describe('no Fields section: the SELECT-not-supported note sits under Overview', () => {
  const { r, diagnostics } = load('workspace/objects');

  it('marks the resource select-not-supported instead of warning about a missing section', () => {
    expect(r.selectNotSupported).toBe(true);
    expect(r.fields).toEqual([]);
    expect(diagnostics.map((d) => d.code)).not.toContain('page/no-fields-section');
  });

  it('still reads methods and untabbed examples, tying the EXEC to its method by target', () => {
    expect(r.methods.map((m) => [m.name, m.verb, m.requiredParams])).toEqual([['delete', 'delete', ['deployment_name']], ['export', 'exec', ['path', 'deployment_name']]]);
    expect(r.examples.map((e) => [e.verb, e.method])).toEqual([['delete', 'delete'], ['exec', 'export']]);
  });
});
