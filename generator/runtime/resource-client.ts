/**
 * The generic half of the generated clients. Each generated resource module holds only types and a
 * plain-data descriptor per method (which columns, which parameters go where, the docs' hint);
 * everything that runs lives here, once: checking the arguments, rendering the statement with
 * render.ts and sending it through the client's transport.
 *
 * Types: a resource module exports `interface Methods { [method]: { verb; args; row?; defaults? } }`
 * (one entry per documented method). ResourceClient<Methods> turns that map into callable methods;
 * ResourcesClient<Resources> adds the generic `query(id, method, args)` over the map of every
 * resource. The conditional types below are one level deep and only evaluated where a method is used.
 */

import type { StackQLClient } from './client.ts';
import { createClient } from './client.ts';
import type { ClientOptions } from './client.ts';
import { StackQLRenderError } from './errors.ts';
import { renderDelete, renderExec, renderInsert, renderSelect, renderUpdate } from './render.ts';
import type { DeleteSpec, ExecSpec, InsertSpec, SelectSpec, UpdateSpec } from './render.ts';
import type { QueryResult } from './transport.ts';

export type Verb = 'select' | 'insert' | 'update' | 'replace' | 'delete' | 'exec';

/**
 * Where one argument goes: a column (or EXEC argument, or `@@json` key) whose value is the argument
 * of the same name, or `[column, argument]` when the two differ (`['data__email', 'email']`).
 */
export type Slot = string | readonly [column: string, argument: string];

/** One documented method, as plain data. Generated; read only by renderMethod. */
export interface MethodDescriptor {
  readonly verb: Verb;
  /** The method's name as documented, when it is not the key (EXEC sends it). */
  readonly name?: string;
  /** The docs' leading label comment, e.g. 'create' for `/*+ create *\/`. */
  readonly hint?: string;
  /** Query directives written after the verb, e.g. ['AWAIT']. */
  readonly directives?: readonly string[];
  /** SELECT: the columns asked for when the caller names none; absent means `*`. */
  readonly columns?: readonly string[];
  /** SELECT, UPDATE, REPLACE, DELETE: `column = value` predicates, in this order. */
  readonly where?: readonly Slot[];
  /** INSERT: the column list, in this order. */
  readonly values?: readonly Slot[];
  /** UPDATE, REPLACE: the SET list, in this order. */
  readonly set?: readonly Slot[];
  /** EXEC: the `@name = value` arguments, in this order. */
  readonly args?: readonly Slot[];
  /** EXEC: the keys of the `@@json` request body, in this order. */
  readonly json?: readonly Slot[];
  /** EXEC: the argument that is the whole `@@json` body (when the docs' body is not a JSON object). */
  readonly body?: string;
  /** The RETURNING list of the docs' example. */
  readonly returning?: readonly string[];
  /** Arguments that must be given (not undefined). */
  readonly required?: readonly string[];
}

/** A resource: its id and its methods, keyed by the (safe) method names the client exposes. */
export interface ResourceDescriptor<M = unknown> {
  readonly id: string;
  readonly methods: { readonly [method: string]: MethodDescriptor };
  /** Carries the Methods type map; never set at run time. */
  readonly types?: M;
}

export interface CallOptions {
  /** Aborts the request; the promise then rejects with StackQLAbortError. */
  signal?: AbortSignal;
}

export interface SelectOptions<C> extends CallOptions {
  /** The columns to return; the rows are typed to exactly these. Default: the docs' example's columns. */
  columns?: readonly C[];
}

/** Rows that INSERT, UPDATE, REPLACE, DELETE and EXEC answer with: their shape is not documented. */
export type ActionRow = Record<string, unknown>;

/** `(args, options?)`, where args may be left out when nothing in it is required. */
type Params<A, O> = {} extends A ? [args?: A, options?: O] : [args: A, options?: O];

export interface SelectMethod<A, R, D extends keyof R> {
  <const C extends keyof R = D>(...params: Params<A, SelectOptions<C>>): Promise<Array<Pick<R, C>>>;
}

export interface ActionMethod<A> {
  (...params: Params<A, CallOptions>): Promise<ActionRow[]>;
}

/**
 * A generated `Methods` entry is `{ verb; args }`, plus for SELECT `row` (every column the method
 * can return) and `defaults` (the columns it returns when the caller names none).
 */
export type MethodFunction<T> = T extends { args: infer A; row: infer R; defaults: infer D }
  ? SelectMethod<A, R, D & keyof R>
  : T extends { args: infer A }
    ? ActionMethod<A>
    : never;

/** A resource's methods as functions: `client.get({ ... })`. */
export type ResourceClient<M> = { readonly [K in keyof M]: MethodFunction<M[K]> };

type ArgsOf<T> = T extends { args: infer A } ? A : never;
type ColumnOf<T> = T extends { row: infer R } ? keyof R : never;
type DefaultOf<T> = T extends { defaults: infer D } ? D & ColumnOf<T> : never;
type RowOf<T, C> = T extends { row: infer R } ? Pick<R, C & keyof R> : ActionRow;

/** Loads the module of one resource (generated: a dynamic import of clients/<provider>/<service>/<resource>.js). */
export type ResourceLoader = () => Promise<{ resource: ResourceDescriptor<any> }>;
export type ResourceLoaders = { readonly [id: string]: ResourceLoader };

/**
 * The generic half of the all-resources client; `R` is the generated `Resources` type map. (`const`
 * on C keeps `columns: ['a']` inferred as 'a': through the deferred constraint it would widen.)
 */
export interface ResourcesClient<R> extends StackQLClient {
  /** Runs one method of one resource: `query('google.cloudidentity.userinvitations', 'get', { ... })`. */
  query<Id extends keyof R & string, K extends keyof R[Id] & string, const C extends ColumnOf<R[Id][K]> = DefaultOf<R[Id][K]>>(
    id: Id,
    method: K,
    ...params: Params<ArgsOf<R[Id][K]>, SelectOptions<C>>
  ): Promise<Array<RowOf<R[Id][K], C>>>;
  /** The statement `query` would send, without sending it. */
  render<Id extends keyof R & string, K extends keyof R[Id] & string, const C extends ColumnOf<R[Id][K]> = DefaultOf<R[Id][K]>>(
    id: Id,
    method: K,
    ...params: Params<ArgsOf<R[Id][K]>, SelectOptions<C>>
  ): Promise<string>;
  /** One resource's methods. */
  resource<Id extends keyof R & string>(id: Id): ResourceClient<R[Id]>;
  /** The ids of every resource this client knows, sorted. */
  readonly resourceIds: readonly string[];
}

const hasOwn = (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key);

function slotColumn(slot: Slot): string {
  return typeof slot === 'string' ? slot : slot[0];
}

function slotArgument(slot: Slot): string {
  return typeof slot === 'string' ? slot : slot[1];
}

function argumentsOf(descriptor: MethodDescriptor): Set<string> {
  const names = new Set<string>();
  for (const list of [descriptor.where, descriptor.values, descriptor.set, descriptor.args, descriptor.json]) {
    for (const slot of list ?? []) names.add(slotArgument(slot));
  }
  if (descriptor.body !== undefined) names.add(descriptor.body);
  return names;
}

function pairs(slots: readonly Slot[] | undefined, args: Record<string, unknown>): Array<[string, unknown]> {
  return (slots ?? []).map((slot) => [slotColumn(slot), args[slotArgument(slot)]]);
}

/** Predicates as the ordered record render.ts takes; a column named twice keeps its first value. */
function record(slots: readonly Slot[] | undefined, args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of pairs(slots, args)) {
    if (value !== undefined && !hasOwn(out, column)) Object.defineProperty(out, column, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * The statement one method sends for these arguments. Pure: throws StackQLRenderError (nothing is
 * sent) for an unknown method, a missing required argument, an argument the method does not take,
 * or a value render.ts cannot write safely.
 */
export function renderMethod(
  resource: ResourceDescriptor<any>,
  method: string,
  args?: object,
  options: SelectOptions<string> = {},
): string {
  const descriptor = typeof method === 'string' && hasOwn(resource.methods, method) ? resource.methods[method] : undefined;
  if (descriptor === undefined) throw new StackQLRenderError(`${resource.id} has no method ${JSON.stringify(method)}`);
  const label = `${resource.id}.${method}`;
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    throw new StackQLRenderError(`${label}: the arguments must be an object`);
  }
  const values = (args ?? {}) as Record<string, unknown>;
  const known = argumentsOf(descriptor);
  for (const name of Object.keys(values)) {
    if (!known.has(name)) {
      const expected = [...known].map((k) => JSON.stringify(k)).join(', ') || 'none';
      throw new StackQLRenderError(`${label} takes no argument ${JSON.stringify(name)} (it takes: ${expected})`, { column: name });
    }
  }
  for (const name of descriptor.required ?? []) {
    if (values[name] === undefined) {
      throw new StackQLRenderError(`${label} needs the argument ${JSON.stringify(name)}`, { column: name });
    }
  }
  if (options.columns !== undefined && descriptor.verb !== 'select') {
    throw new StackQLRenderError(`${label}: only SELECT methods take columns`);
  }
  return renderDescriptor(resource.id, method, descriptor, values, options.columns);
}

function renderDescriptor(
  target: string,
  key: string,
  d: MethodDescriptor,
  values: Record<string, unknown>,
  columns: readonly string[] | undefined,
): string {
  // Optional spec members are set only when present (users may compile with exactOptionalPropertyTypes).
  const extras = <T extends { hint?: string; directives?: readonly string[]; returning?: readonly string[] }>(spec: T): T => {
    if (d.hint !== undefined) spec.hint = d.hint;
    if (d.directives !== undefined && 'directives' in spec) spec.directives = d.directives;
    if (d.returning !== undefined && 'returning' in spec) spec.returning = d.returning;
    return spec;
  };
  switch (d.verb) {
    case 'select': {
      const spec: SelectSpec = { target, where: record(d.where, values) };
      const list = columns ?? d.columns;
      if (list !== undefined) spec.columns = list;
      if (d.hint !== undefined) spec.hint = d.hint;
      return renderSelect(spec);
    }
    case 'insert':
      return renderInsert(extras<InsertSpec>({ target, values: pairs(d.values, values), directives: [], returning: [] }));
    case 'update':
    case 'replace':
      return renderUpdate(
        extras<UpdateSpec>({ verb: d.verb, target, set: pairs(d.set, values), where: record(d.where, values), directives: [], returning: [] }),
      );
    case 'delete':
      return renderDelete(extras<DeleteSpec>({ target, where: record(d.where, values), directives: [] }));
    case 'exec': {
      const spec = extras<ExecSpec>({ target, method: d.name ?? key, args: record(d.args, values), directives: [] });
      if (d.body !== undefined) {
        if (values[d.body] !== undefined) spec.json = values[d.body];
      } else if (d.json !== undefined) {
        const body = record(d.json, values);
        if (Object.keys(body).length > 0) spec.json = body;
      }
      return renderExec(spec);
    }
    default:
      throw new StackQLRenderError(`${target}.${key}: unknown verb ${JSON.stringify((d as { verb: unknown }).verb)}`);
  }
}

async function call(
  client: StackQLClient,
  resource: ResourceDescriptor<any>,
  method: string,
  args: object | undefined,
  options: SelectOptions<string> | undefined,
): Promise<unknown[]> {
  const statement = renderMethod(resource, method, args, options);
  const result: QueryResult = await client.execute(statement, options?.signal ? { signal: options.signal } : undefined);
  return result.data;
}

/** A resource's methods, bound to a client: `bindResource(client, resource).get({ ... })`. */
export function bindResource<M>(client: StackQLClient, resource: ResourceDescriptor<M>): ResourceClient<M> {
  const out: Record<string, unknown> = {};
  for (const method of Object.keys(resource.methods)) {
    const fn = (args?: object, options?: SelectOptions<string>) => call(client, resource, method, args, options);
    Object.defineProperty(out, method, { value: fn, enumerable: true });
  }
  return Object.freeze(out) as ResourceClient<M>;
}

/**
 * The all-resources client: the plain StackQLClient (execute, run), `query`, `render`, `resource`,
 * and one namespace per provider (`client.google.cloudidentity.userinvitations.get(...)`). A
 * resource's module is loaded the first time one of its methods is called.
 */
export function createResourcesClient<R>(options: ClientOptions, loaders: ResourceLoaders): ResourcesClient<R> {
  const client = createClient(options);
  const ids = Object.keys(loaders).sort();
  const loaded = new Map<string, Promise<ResourceDescriptor<any>>>();
  const load = (id: string): Promise<ResourceDescriptor<any>> => {
    const loader = typeof id === 'string' && hasOwn(loaders, id) ? loaders[id] : undefined;
    if (loader === undefined) return Promise.reject(new StackQLRenderError(`unknown resource ${JSON.stringify(id)}`));
    let descriptor = loaded.get(id);
    if (!descriptor) {
      descriptor = loader().then((module) => module.resource);
      // A failed load (a network hiccup fetching a chunk) is retried on the next call.
      descriptor.catch(() => loaded.delete(id));
      loaded.set(id, descriptor);
    }
    return descriptor;
  };
  const query = async (id: string, method: string, args?: object, callOptions?: SelectOptions<string>) =>
    call(client, await load(id), method, args, callOptions);
  const render = async (id: string, method: string, args?: object, callOptions?: SelectOptions<string>) =>
    renderMethod(await load(id), method, args, callOptions);

  const resources = new Map<string, object>();
  const resource = (id: string): object => {
    if (typeof id !== 'string' || !hasOwn(loaders, id)) throw new StackQLRenderError(`unknown resource ${JSON.stringify(id)}`);
    let methods = resources.get(id);
    if (!methods) {
      // Method names are known only once the module is loaded, so any name is a function here;
      // calling one the resource does not have rejects with StackQLRenderError.
      methods = new Proxy(Object.freeze({}), {
        get: (_, method) =>
          typeof method !== 'string' || method === 'then'
            ? undefined
            : (args?: object, callOptions?: SelectOptions<string>) => query(id, method, args, callOptions),
      });
      resources.set(id, methods);
    }
    return methods;
  };

  const out: Record<string, unknown> = { ...client, query, render, resource, resourceIds: Object.freeze(ids) };
  // Namespaces: out[provider][service][resource]. A provider named like a member of the client
  // (query, run, …) gets none; its resources are still reachable through resource(id) and query.
  const members = new Set(Object.keys(out));
  const child = (parent: Record<string, unknown>, key: string): Record<string, unknown> => {
    if (!hasOwn(parent, key)) Object.defineProperty(parent, key, { value: {}, enumerable: true });
    return parent[key] as Record<string, unknown>;
  };
  for (const id of ids) {
    const [provider, service, name, ...rest] = id.split('.');
    if (provider === undefined || service === undefined || name === undefined || rest.length > 0 || members.has(provider)) continue;
    Object.defineProperty(child(child(out, provider), service), name, { value: resource(id), enumerable: true });
  }
  return out as unknown as ResourcesClient<R>;
}
