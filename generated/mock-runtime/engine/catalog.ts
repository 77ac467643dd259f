/**
 * The model, indexed once at start so that every request finds its resource in O(1): by id, by
 * provider → service → resources (for SHOW), and each resource's compiled facts (fields by name,
 * params, methods by verb, identity, fake-data generators), built on first use and kept.
 */
import type { Field, ManifestNode, Method, Model, Param, Resource, Verb } from '../../core/model.js';
import { errors } from './errors.js';
import { manifestProps, normalizeName, singular } from '../../core/names.js';
import { compileFields, regionFamily, type FakeContext, type FieldGenerator } from './fake-data.js';
import { deriveIdentity, type Identity } from '../../core/identity.js';
import { exampleStatement } from '../../core/example-statement.js';

export interface ResourceInfo {
  id: string;
  resource: Resource;
  fields: readonly Field[];
  fieldByName: ReadonlyMap<string, Field>;
  /** normalizeName(field) → field name: how `data__CpuCount`-style columns find `cpu_count`. */
  fieldByNormal: ReadonlyMap<string, string>;
  /** Every param any method or the Parameters table names. */
  params: ReadonlyMap<string, Param | undefined>;
  methodsByVerb: ReadonlyMap<Verb, readonly Method[]>;
  identity: Identity;
  /** Key params with no field: stored as columns of their own. */
  keyColumns: readonly string[];
  manifest: ReadonlyMap<string, ManifestNode>;
  generators: readonly FieldGenerator[];
  fake: FakeContext;
  /**
   * The page lists no fields (and does not say SELECT is unsupported): the client's Row is any
   * record, so any column name is one a row may have (null until written).
   */
  openRow: boolean;
  /** Column names every row may have: fields, then key columns. */
  rowColumns: readonly string[];
  /**
   * Columns the page's own INSERT / UPDATE / REPLACE examples write. The model knows the response
   * shape (fields) but not the request body, so these count as known body columns too.
   */
  documentedColumns: ReadonlySet<string>;
}

export class Catalog {
  private all: Resource[] = [];
  private readonly byId = new Map<string, Resource>();
  private readonly byLowerId = new Map<string, Resource>();
  private readonly compiled = new Map<string, ResourceInfo>();
  /** provider → service → resources, each list in id order. */
  readonly tree = new Map<string, Map<string, Resource[]>>();

  constructor(model: Model) {
    this.add(model.resources);
  }

  /** Every resource, views included, in id order. */
  get resources(): readonly Resource[] {
    return this.all;
  }

  /**
   * Adds resources: all of the model at start, more later for a page that loads them on demand.
   * An id already known (a resource, or a view derived from an example) is refused, nothing added.
   */
  add(resources: readonly Resource[]): void {
    for (const r of resources) if (this.byId.has(r.id)) throw new TypeError(`resource '${r.id}' is already in the model`);
    const added = [...resources];
    for (const r of resources) this.byId.set(r.id, r);
    // Views that examples query but the docs do not have a page for (`example.network.vw_firewalls`
    // on the firewalls page): SELECT-only resources with the base's select methods and the fields
    // of the field-set tab named like them, so that every documented example can run.
    for (const r of resources) {
      for (const e of r.examples) {
        if (e.target === undefined || e.target === r.id || this.byId.has(e.target)) continue;
        const view = deriveView(r, e.target);
        if (view === undefined) continue;
        this.byId.set(view.id, view);
        added.push(view);
      }
    }
    added.sort(byId);
    this.all = this.all.length === 0 ? added : [...this.all, ...added].sort(byId);
    // Lists that held resources before this call get the new ones out of order: sorted again.
    const fresh = new Set<Resource[]>();
    const touched = new Set<Resource[]>();
    for (const r of added) {
      if (!this.byLowerId.has(r.id.toLowerCase())) this.byLowerId.set(r.id.toLowerCase(), r);
      let services = this.tree.get(r.provider);
      if (!services) this.tree.set(r.provider, (services = new Map()));
      let list = services.get(r.service);
      if (!list) services.set(r.service, (list = []));
      if (list.length === 0) fresh.add(list);
      else if (!fresh.has(list)) touched.add(list);
      list.push(r);
    }
    for (const list of touched) list.sort(byId);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The compiled facts for a resource id known to exist. */
  info(id: string): ResourceInfo {
    let info = this.compiled.get(id);
    if (info === undefined) {
      const resource = this.byId.get(id);
      if (resource === undefined) throw new Error(`internal: no resource ${id}`);
      info = compile(resource);
      this.compiled.set(id, info);
    }
    return info;
  }

  /**
   * The resource a statement names. Identifiers match exactly, else case-insensitively (StackQL
   * folds unquoted names). Unknown names get a message that says which part is unknown.
   */
  resolve(parts: readonly string[]): ResourceInfo {
    const name = parts.join('.');
    if (parts.length !== 3) throw errors.badResourceName(name);
    const found = this.byId.get(name) ?? this.byLowerId.get(name.toLowerCase());
    if (found) return this.info(found.id);
    const [provider = '', service = ''] = parts;
    const services = this.tree.get(provider) ?? this.tree.get(provider.toLowerCase());
    if (!services) throw errors.unknownProvider(provider);
    if (!services.has(service) && !services.has(service.toLowerCase())) throw errors.unknownService(provider, service);
    throw errors.unknownResource(name, `${provider}.${service}`);
  }
}

const byId = (a: Resource, b: Resource) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function compile(resource: Resource): ResourceInfo {
  // Columns only the page's SELECT examples name are columns too, of a type the page does not
  // give: the client's Row has them (generator/emit/plan.ts), so the mock must answer them.
  const fields = [...resource.fields];
  const fieldByName = new Map(fields.map((f) => [f.name, f]));
  for (const name of exampleColumns(resource).all) {
    if (fieldByName.has(name) || fields.length === 0) continue;
    const f: Field = { name, type: 'unknown', rawType: '', description: '', typeRef: { kind: 'unknown' }, line: resource.source.line };
    fields.push(f);
    fieldByName.set(name, f);
  }
  const fieldByNormal = new Map<string, string>();
  for (const f of fields) if (!fieldByNormal.has(normalizeName(f.name))) fieldByNormal.set(normalizeName(f.name), f.name);

  const params = new Map<string, Param | undefined>();
  for (const p of resource.params) params.set(p.name, p);
  for (const m of resource.methods) {
    for (const p of [...m.requiredParams, ...m.optionalParams]) if (!params.has(p)) params.set(p, undefined);
  }

  const methodsByVerb = new Map<Verb, Method[]>();
  for (const m of resource.methods) {
    let list = methodsByVerb.get(m.verb);
    if (!list) methodsByVerb.set(m.verb, (list = []));
    list.push(m);
  }

  const identity = deriveIdentity(resource, fields);
  const keyColumns = identity.key.filter((_, i) => identity.keyFields[i] === undefined);
  const manifest = new Map<string, ManifestNode>();
  for (const prop of manifestProps(resource.manifest)) if (!manifest.has(normalizeName(prop.name))) manifest.set(normalizeName(prop.name), prop);
  const fake: FakeContext = { provider: resource.provider, family: regionFamily(resource.provider), service: resource.service, singular: singular(resource.name) };
  return {
    id: resource.id,
    resource,
    fields,
    fieldByName,
    fieldByNormal,
    params,
    methodsByVerb,
    identity,
    keyColumns,
    manifest,
    generators: compileFields(fields, fake),
    fake,
    openRow: fields.length === 0 && !resource.selectNotSupported,
    rowColumns: [...fields.map((f) => f.name), ...keyColumns.filter((k) => !fieldByName.has(k))],
    documentedColumns: documentedColumns(resource),
  };
}

/** Plain columns of the page's own SELECT examples: all of them, and per method. */
export function exampleColumns(resource: Resource): { all: string[]; byMethod: Map<string, string[]> } {
  const all: string[] = [];
  const byMethod = new Map<string, string[]>();
  const id = resource.id.toLowerCase();
  for (const e of resource.examples) {
    const st = exampleStatement(e);
    if (e.target || st?.kind !== 'select' || st.target.parts.slice(0, 3).join('.').toLowerCase() !== id) continue;
    if (st.columns.some((c) => c.expr.type !== 'column' || c.expr.table !== undefined || c.alias !== undefined)) continue;
    const names = st.columns.map((c) => (c.expr as { name: string }).name);
    for (const n of names) if (!all.includes(n)) all.push(n);
    if (e.method && !byMethod.has(e.method)) byMethod.set(e.method, names);
  }
  return { all, byMethod };
}

function documentedColumns(resource: Resource): Set<string> {
  const out = new Set<string>();
  for (const e of resource.examples) {
    const st = exampleStatement(e);
    if (st?.kind === 'insert') for (const c of st.columns) out.add(c);
    if (st?.kind === 'update' || st?.kind === 'replace') for (const a of st.set) out.add(a.column);
  }
  return out;
}

function deriveView(base: Resource, target: string): Resource | undefined {
  const parts = target.split('.');
  if (parts.length !== 3 || parts[0] !== base.provider) return undefined;
  const name = parts[2]!;
  // The base's examples that query the view are the view's own: the columns they select are its
  // columns even where the field-set tab forgot one (awscc `*_list_only` lists).
  const examples = base.examples.filter((e) => e.target === target).map(({ target: _target, ...e }) => e);
  const shown = new Set(exampleColumns({ ...base, id: target, examples }).all);
  const set = base.fieldSets.find((s) => s.label === name || s.method === name);
  const fields = set ? base.fields.filter((f) => set.fields.includes(f.name) || shown.has(f.name)) : base.fields;
  return {
    id: target,
    provider: parts[0],
    service: parts[1]!,
    name,
    kind: 'view',
    title: name,
    description: `A view over ${base.id}.`,
    source: base.source,
    fields,
    fieldSets: [],
    methods: base.methods.filter((m) => m.verb === 'select'),
    params: base.params,
    examples,
  };
}
