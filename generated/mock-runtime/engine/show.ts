/**
 * SHOW, DESCRIBE and REGISTRY, answered from the model with the columns StackQL prints
 * (language-spec show.md / describe.md):
 *   SHOW PROVIDERS                      name, version
 *   SHOW [EXTENDED] SERVICES [IN p]     id, name, title [, description]
 *   SHOW [EXTENDED] RESOURCES IN p.s    name, id [, description]
 *   SHOW [EXTENDED] METHODS IN p.s.r    MethodName, RequiredParams, SQLVerb [, description]
 *   SHOW [EXTENDED] VERSION             version [, commit, build_date, platform]
 *   DESCRIBE [EXTENDED] p.s.r           name, type [, description]
 *   DESCRIBE METHOD [EXTENDED] p.s.r.m  name, type, param_type, shape [, description]
 *   REGISTRY LIST [p]                   provider, versions
 * The model has no provider versions or service titles: versions are MOCK_VERSION, a service's
 * title is its name and its description empty.
 */
import type { DescribeStatement, ShowStatement, Statement } from '../../core/sql/index.js';
import type { Field, ManifestNode, Resource } from '../../core/model.js';
import { toJsonSchema } from '../../core/json-schema.js';
import type { Catalog } from './catalog.js';
import { errors } from './errors.js';
import { normalizeName } from '../../core/names.js';
import type { ResultColumn, Row } from './types.js';

export const MOCK_VERSION = 'v0.0.0-mock';

/**
 * SQL LIKE (% and _, case-insensitive as in SQLite) as a test. Matched by the two-pointer wildcard
 * walk (at most pattern × name steps), not a RegExp: `%a%a%a...b` would make a backtracking regex
 * take exponential time, and a client chooses the pattern.
 */
export function likeTest(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  const p = [...pattern.toLowerCase()];
  return (name) => likeMatch(p, [...name.toLowerCase()]);
}

function likeMatch(p: readonly string[], s: readonly string[]): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < s.length) {
    if (i < p.length && (p[i] === '_' || (p[i] !== '%' && p[i] === s[j]))) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '%') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && p[i] === '%') i++;
  return i === p.length;
}

function providerServices(catalog: Catalog, provider: string): Map<string, Resource[]> {
  const services = catalog.tree.get(provider);
  if (!services) throw errors.unknownProvider(provider);
  return services;
}

function serviceResources(catalog: Catalog, provider: string, service: string): Resource[] {
  const resources = providerServices(catalog, provider).get(service);
  if (!resources) throw errors.unknownService(provider, service);
  return resources;
}

export function runShow(catalog: Catalog, stmt: ShowStatement): Row[] {
  const like = likeTest(stmt.like);
  const scope = stmt.in?.parts ?? [];
  switch (stmt.what) {
    case 'providers':
      return [...catalog.tree.keys()].sort().filter(like).map((name) => ({ name, version: MOCK_VERSION }));
    case 'services': {
      if (scope.length > 1) throw errors.badResourceName(scope.join('.'));
      const providers = scope.length === 1 ? [scope[0]!] : [...catalog.tree.keys()].sort();
      const rows: Row[] = [];
      for (const p of providers) {
        for (const name of [...providerServices(catalog, p).keys()].sort()) {
          if (!like(name)) continue;
          const row: Row = { id: `${name}:${MOCK_VERSION}`, name, title: name };
          if (stmt.extended) row['description'] = '';
          rows.push(row);
        }
      }
      return rows;
    }
    case 'resources': {
      if (scope.length === 0 || scope.length > 2) throw errors.unsupported('SHOW RESOURCES without IN provider.service');
      const [p = '', s] = scope;
      const lists = s === undefined ? [...providerServices(catalog, p).values()] : [serviceResources(catalog, p, s)];
      return lists.flat().filter((r) => like(r.name)).map((r) => {
        const row: Row = { name: r.name, id: r.id };
        if (stmt.extended) row['description'] = r.description ?? '';
        return row;
      });
    }
    case 'methods': {
      if (scope.length === 0) throw errors.unsupported('SHOW METHODS without IN provider.service.resource');
      if (scope.length !== 3) throw errors.badResourceName(scope.join('.'));
      const { resource } = catalog.resolve(scope);
      return resource.methods.filter((m) => like(m.name)).map((m) => {
        const row: Row = { MethodName: m.name, RequiredParams: m.requiredParams.join(', '), SQLVerb: m.verb.toUpperCase() };
        if (stmt.extended) row['description'] = m.description;
        return row;
      });
    }
    case 'version': {
      const row: Row = { version: MOCK_VERSION };
      if (stmt.extended) Object.assign(row, { commit: 'mock', build_date: '1970-01-01T00:00:00Z', platform: 'mock' });
      return [row];
    }
    case 'insert':
      throw errors.unsupported('SHOW INSERT INTO');
  }
}

/**
 * The columns of a SHOW or DESCRIBE answer (the table above), so that an empty answer still
 * describes them; for other statements, the first row's names.
 */
export function describeColumns(stmt: Statement, rows: readonly Row[]): ResultColumn[] {
  let columns: string[];
  if (stmt.kind === 'show' || stmt.kind === 'describe') {
    const [base, extended] =
      stmt.kind === 'describe' ? (stmt.method ? ['name type param_type shape', 'description'] : ['name type', 'description']) : SHOW_COLUMNS[stmt.what];
    columns = `${base} ${stmt.extended ? extended : ''}`.split(' ').filter(Boolean);
  } else {
    columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  }
  return columns.map((name) => ({ name }));
}

const SHOW_COLUMNS: Record<ShowStatement['what'], [base: string, extended: string]> = {
  providers: ['name version', ''],
  services: ['id name title', 'description'],
  resources: ['name id', 'description'],
  methods: ['MethodName RequiredParams SQLVerb', 'description'],
  version: ['version', 'commit build_date platform'],
  insert: ['', ''],
};

export function runDescribe(catalog: Catalog, stmt: DescribeStatement): Row[] {
  const parts = stmt.target.parts;
  if (stmt.method) {
    if (parts.length !== 4) throw errors.badMethodName(parts.join('.'));
    const info = catalog.resolve(parts.slice(0, 3));
    const method = info.resource.methods.find((m) => m.name === parts[3]);
    if (!method) throw errors.unknownMethod(info.id, parts[3] ?? '', info.resource.methods);
    const rows: Row[] = [];
    const param = (name: string, paramType: string) => {
      const p = info.params.get(name);
      const field = info.fieldByName.get(name.replace(/^data__/, ''));
      const row: Row = { name, type: p?.type ?? field?.type ?? 'string', param_type: paramType, shape: shapeOf(field, info.manifest.get(normalizeName(name))) };
      if (stmt.extended) row['description'] = p?.description ?? field?.description ?? '';
      rows.push(row);
    };
    for (const p of method.requiredParams) param(p, 'input_required');
    for (const p of method.optionalParams) param(p, 'input_optional');
    if (method.verb === 'select') {
      const set = info.resource.fieldSets.find((s) => s.method === method.name);
      const fields = set ? info.fields.filter((f) => set.fields.includes(f.name)) : info.fields;
      for (const f of fields) {
        const row: Row = { name: f.name, type: f.type, param_type: 'output', shape: shapeOf(f, info.manifest.get(normalizeName(f.name))) };
        if (stmt.extended) row['description'] = f.description;
        rows.push(row);
      }
    }
    return rows;
  }
  const info = catalog.resolve(parts);
  return info.fields.map((f) => {
    const row: Row = { name: f.name, type: f.type };
    if (stmt.extended) row['description'] = f.description;
    return row;
  });
}

/** The JSON Schema of an object or array field's type (core/json-schema.ts); '' for scalars. */
function shapeOf(field: Field | undefined, node: ManifestNode | undefined): string {
  const type = field?.typeRef ?? node?.typeRef;
  if (type?.kind !== 'object' && type?.kind !== 'array') return '';
  const schema = toJsonSchema(type);
  if (field?.description) schema.description = field.description;
  return JSON.stringify(schema);
}

/**
 * `REGISTRY LIST [provider]` and `REGISTRY PULL provider [version]`, which the statement grammar
 * does not cover but the middleware allows: answered from the model. Undefined: not a REGISTRY
 * statement.
 */
export function runRegistry(catalog: Catalog, query: string): Row[] | undefined {
  // No two adjacent quantifiers can take the same characters: the match is linear in the query.
  const m = /^\s*registry\s+(list|pull)\b(?:\s+([A-Za-z0-9_]+)(?:\s+([A-Za-z0-9_.\-]+))?)?\s*(?:;\s*)?$/i.exec(query);
  if (!m) return undefined;
  const [, verb = '', provider] = m;
  if (provider !== undefined && !catalog.tree.has(provider)) throw errors.unknownProvider(provider);
  if (verb.toLowerCase() === 'pull') {
    if (provider === undefined) throw errors.unsupported('REGISTRY PULL without a provider');
    return [{ message: `${provider} provider, version '${MOCK_VERSION}' successfully installed` }];
  }
  const providers = provider === undefined ? [...catalog.tree.keys()].sort() : [provider];
  return providers.map((p) => ({ provider: p, versions: MOCK_VERSION }));
}
