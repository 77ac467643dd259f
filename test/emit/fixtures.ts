/**
 * Model resources written by hand, for what the docs/ pages do not show: names that are no
 * identifiers, methods without examples, body parameters, `@@json` templates, duplicates.
 */
import type { Example, Field, ManifestNode, ManifestTreeNode, Method, Param, Resource } from '../../generator/core/model.ts';
import { parseStatement } from '../../generator/core/sql/parser.ts';
import { parseDataType, resolvePageTypes, typeManifest } from '../../generator/extract/datatype.ts';
import { typeOfWord } from '../../generator/core/types.ts';

/** A field typed by the extraction rule (core/types.ts), from its Datatype word and its facts. */
export function field(name: string, rawType = 'string', extra: Partial<Field> = {}): Field {
  const dt = parseDataType(rawType);
  const facts = { enum: extra.enum, pattern: extra.pattern };
  return { name, type: dt.type, ...(dt.format ? { format: dt.format } : {}), rawType, description: '', typeRef: typeOfWord(dt.type, { format: dt.format, ...facts }), line: 1, ...extra };
}

export function param(name: string, rawType = 'string', extra: Partial<Param> = {}): Param {
  const dt = parseDataType(rawType);
  const type = rawType === '' ? 'string' : dt.type;
  return { name, type, rawType, description: '', origin: rawType === '' ? 'methods' : 'table', typeRef: typeOfWord(rawType === '' ? '' : dt.type, { format: dt.format }), line: 1, ...extra };
}

/** Manifest nodes with their types, as extraction leaves them. */
export function manifest(nodes: ManifestTreeNode[]): ManifestNode[] {
  return typeManifest(nodes);
}

export function method(name: string, verb: Method['verb'], required: Array<string | [string, 'param' | 'body' | 'unknown']> = [], optional: string[] = [], extra: Partial<Method> = {}): Method {
  const pairs = required.map((r) => (typeof r === 'string' ? ([r, 'param'] as const) : r));
  return {
    name,
    verb,
    rawVerb: verb.toUpperCase(),
    requiredParams: pairs.map(([n]) => n),
    requiredParamsResolved: pairs.map(([, how]) => how),
    optionalParams: optional,
    description: '',
    line: 1,
    ...extra,
  };
}

export function example(methodName: string, sql: string, extra: Partial<Example> = {}): Example {
  const statement = parseStatement(sql);
  return { verb: statement.kind as Example['verb'], method: methodName, sql, line: 1, ...extra };
}

/** A resource as extraction leaves it: page-level types resolved (fields refined by the manifest). */
export function resource(id: string, parts: Partial<Resource>): Resource {
  const [provider, service, name] = id.split('.');
  const r: Resource = {
    id,
    provider: provider!,
    service: service!,
    name: name!,
    kind: 'resource',
    source: { file: `fixtures/${id}.md`, format: 'fixture', line: 1 },
    fields: [],
    fieldSets: [],
    methods: [],
    params: [],
    examples: [],
    ...parts,
  };
  resolvePageTypes(r.fields, r.params, r.manifest);
  return r;
}

/** Every kind of awkward name in one resource, with and without examples. */
export function awkward(): Resource {
  return resource('odd-provider.my-service.well-known', {
    fields: [
      field('$filter'),
      field('@odata.type'),
      field('2fa', 'boolean'),
      field('delete', 'integer (int32)'),
      field('constructor'),
      field('__proto__'),
      field('If-Match'),
      field('big', 'string (int64)'),
      field('state', 'string', { enum: ['ACTIVE', 'DELETED'] }),
      field('spec', 'object'),
      field('items', 'array'),
      field('anything', ''),
    ],
    manifest: manifest([
      {
        name: 'well-known',
        line: 1,
        props: [
          { name: 'spec', line: 2, props: [{ name: 'replicas', value: 'integer', line: 3 }, { name: 'label-set', value: '{{ labels }}', line: 4 }] },
          { name: 'items', line: 5, props: [{ name: '[0]', line: 6, props: [{ name: 'key', value: 'string', line: 7 }] }] },
        ],
      },
    ]),
    params: [param('$filter'), param('If-Match'), param('page size', 'integer'), param('id', '')],
    methods: [
      method('get', 'select', ['id'], ['$filter', 'If-Match']),
      method('get', 'select', ['id', 'page size'], [], { duplicate: true }),
      method('well-known.get', 'select', [], ['$filter']),
      method('then', 'exec', ['id']),
      method('create', 'insert', ['id', ['data__spec', 'body'], ['items', 'body']]),
      method('patch', 'update', ['id', ['data__spec', 'body']]),
      method('run-job', 'exec', ['id', ['data__spec', 'body']], ['If-Match']),
      method('do', 'exec', ['id']),
      method('raw', 'exec', ['id']),
      method('delete', 'delete', ['id']),
    ],
    examples: [
      example('do', `EXEC "odd-provider"."my-service"."well-known"."do"\n@id = '{{ id }}'\n@@json = '{ "name": "{{ name }}", "count": {{ count }}, "spec": {{ spec }}, "nested": { "a": "{{ a }}" } }';`),
      example('raw', `EXEC "odd-provider"."my-service"."well-known".raw\n@id = '{{ id }}'\n@@json = '[ "{{ x }}" ]';`),
    ],
  });
}

/** A provider whose name is a member of the all-resources client. */
export function clashing(): Resource {
  return resource('query.svc.things', {
    fields: [field('id')],
    params: [param('id')],
    methods: [method('list', 'select'), method('get', 'select', ['id'])],
  });
}
