/**
 * How the mock tells one row of a resource from another, derived from the resource's methods.
 *
 * The rule:
 *  - "get" is the SELECT method with the most required params (a method named get / *_get wins
 *    over one that merely has more params); "list" is the SELECT with the fewest required params
 *    among the others (one whose params are a subset of get's wins, then one named list / *_list).
 *    With a single SELECT, list = get.
 *  - The resource's key is the params get needs beyond list's (`get.required − list.required`, in
 *    get's order); its scope is list's required params. google.cloudidentity.userinvitations: get
 *    needs customersId + userinvitationsId, list customersId → key [userinvitationsId] within scope
 *    [customersId]. confluent.iam.invitations: get needs id, list nothing → key [id], global scope.
 *    google.compute.instances (get: project, zone, instance; aggregated_list: project) → key
 *    [zone, instance] in scope [project]: a list by project + zone then filters on the key's zone.
 *  - Each key param is carried by a row field (a scalar one: an object or array field cannot
 *    carry a key), so a key can be read off a listed row: the field of
 *    the same name (ignoring `data__`, case, `_` and `-`); for the last key param failing that
 *    `<singular resource name>_id` / `..._name` (example.compute.instances: data__Identifier →
 *    instance_id), then `name`, then `id`. A key param with no such field becomes a column of its
 *    own (named after the param) in the stored rows.
 *  - With an empty key (one SELECT only), rows are told apart by their `name`, else `id` field,
 *    else by an internal counter.
 *  - INSERT takes each key value from, in order: the column of that param, the value given for
 *    its key field (`data__name`, `name`...), and otherwise generates one (a slug such as
 *    `invitation-amber-482`, or a value fit for the key field's type), then writes it into the key
 *    field. Scope values come from the params given; one not given is stored as null, and a null
 *    scope value matches any value asked for later.
 */
import type { Field, Method, Resource } from './model.js';
import { normalizeName, singular } from './names.js';

export interface Identity {
  get?: Method;
  list?: Method;
  /** Params that partition the rows (list's required params). */
  scope: string[];
  /** Params that name one row within a scope. */
  key: string[];
  /** Per key param, the field that carries its value; undefined: a column named after the param. */
  keyFields: (string | undefined)[];
  /** With an empty key: the field that tells rows apart (name, else id), if any. */
  rowField?: string | undefined;
}

const GET_NAME = /(^|_)get($|_)/i;
const LIST_NAME = /(^|_)list($|_)/i;

export function deriveIdentity(resource: Resource, fields: readonly Field[]): Identity {
  const selects = resource.methods.filter((m) => m.verb === 'select');
  // A key is a scalar: an object or array field (google's users.name) cannot carry one.
  const fieldNames = fields.filter((f) => f.typeRef?.kind !== 'object' && f.typeRef?.kind !== 'array').map((f) => f.name);
  if (selects.length === 0) return { scope: [], key: [], keyFields: [], rowField: fallbackRowField(fieldNames) };

  const mostRequired = (ms: Method[]) => ms.reduce((best, m) => (m.requiredParams.length > best.requiredParams.length ? m : best));
  const named = selects.filter((m) => GET_NAME.test(m.name));
  const get = mostRequired(named.length > 0 ? named : selects);

  const others = selects.filter((m) => m !== get);
  let list = get;
  if (others.length > 0) {
    const getParams = new Set(get.requiredParams);
    const rank = (m: Method) => [
      m.requiredParams.length,
      m.requiredParams.every((p) => getParams.has(p)) ? 0 : 1,
      LIST_NAME.test(m.name) ? 0 : 1,
    ];
    list = others.reduce((best, m) => (compareRanks(rank(m), rank(best)) < 0 ? m : best));
  }

  const scope = [...new Set(list.requiredParams)];
  const inScope = new Set(scope);
  const key = [...new Set(get.requiredParams.filter((p) => !inScope.has(p)))];
  const keyFields = mapKeyFields(key, fieldNames, resource.name);
  const identity: Identity = { get, list, scope, key, keyFields };
  if (key.length === 0) identity.rowField = fallbackRowField(fieldNames);
  return identity;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function fallbackRowField(fieldNames: readonly string[]): string | undefined {
  if (fieldNames.includes('name')) return 'name';
  if (fieldNames.includes('id')) return 'id';
  return undefined;
}

function mapKeyFields(key: readonly string[], fieldNames: readonly string[], resourceName: string): (string | undefined)[] {
  const taken = new Set<string>();
  const byNormal = new Map<string, string>();
  for (const f of fieldNames) if (!byNormal.has(normalizeName(f))) byNormal.set(normalizeName(f), f);
  const take = (f: string | undefined) => {
    if (f === undefined || taken.has(f)) return undefined;
    taken.add(f);
    return f;
  };
  return key.map((param, i) => {
    const exact = param.replace(/^data__/, '');
    const direct = take(fieldNames.includes(exact) ? exact : byNormal.get(normalizeName(param)));
    if (direct !== undefined || i !== key.length - 1) return direct;
    const base = normalizeName(singular(resourceName));
    return (
      take(byNormal.get(`${base}id`)) ??
      take(byNormal.get(`${base}name`)) ??
      take(fieldNames.includes('name') ? 'name' : undefined) ??
      take(fieldNames.includes('id') ? 'id' : undefined)
    );
  });
}
