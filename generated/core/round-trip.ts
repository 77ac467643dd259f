/**
 * The round trip of a contract suite: create → get → list → update → delete, then a get that finds
 * nothing, planned from the resource's identity (core/identity.ts) and the methods' drafts.
 */
import type { Method, Resource } from './model.js';
import { deriveIdentity } from './identity.js';
import { findByName } from './names.js';
import { supplies } from './statement-shape.js';
import type { RoundTripContract, RoundTripStep } from './contract-spec.js';
import { argForParam, type MethodDraft, type SlotInfo } from './contract-slots.js';

export function roundTrip(resource: Resource, drafts: MethodDraft[]): { roundTrip?: RoundTripContract; noRoundTrip?: string } {
  const creates = drafts.filter((d) => d.plan.method.verb === 'insert');
  if (creates.length === 0) return {};
  if (creates.every((d) => d.contract.skip)) return { noRoundTrip: 'the client cannot write the create statement' };
  const identity = deriveIdentity(resource, resource.fields);
  const draftOf = (m: Method | undefined) => drafts.find((d) => d.plan.method === m);
  const get = draftOf(identity.get);
  const list = draftOf(identity.list);
  if (!get || !list || get === list || identity.key.length === 0) return { noRoundTrip: 'no SELECT method finds one row by its key' };
  const scopeAndKey = new Set([...identity.scope, ...identity.key]);
  const within = (m: Method) => m.requiredParams.every((p) => supplies(scopeAndKey, p) || m.requiredParamsResolved[m.requiredParams.indexOf(p)] === 'body');
  const del = drafts.find((d) => d.plan.method.verb === 'delete' && within(d.plan.method));
  if (!del) return { noRoundTrip: 'no DELETE method takes the key' };

  const keyArgs = (d: MethodDraft): Record<string, number> | undefined => {
    const out: Record<string, number> = {};
    for (const [i, param] of identity.key.entries()) {
      const arg = argForParam(d.slots, param);
      if (arg === undefined) return undefined;
      out[arg] = i;
    }
    return out;
  };
  /** A call of the round trip: reads take only their required arguments (and the key); writes their sample body too. */
  const step = (d: MethodDraft, withKey: boolean): RoundTripStep | undefined => {
    const required = new Set(d.plan.args.filter((a) => a.required).map((a) => a.key));
    const reads = d.plan.method.verb === 'select' || d.plan.method.verb === 'delete';
    const args = Object.fromEntries(Object.entries(d.contract.args).filter(([k]) => !reads || required.has(k)));
    const s: RoundTripStep = { method: d.plan.key, args };
    if (withKey) {
      const key = keyArgs(d);
      if (!key) return undefined;
      s.key = key;
      for (const arg of Object.keys(key)) if (!(arg in s.args)) s.args[arg] = '';
    }
    return s;
  };

  const fieldNames = new Set(resource.fields.map((f) => f.name));
  const keyFields = identity.keyFields.map((f) => f ?? null);
  const create = creates.find((d) => !d.contract.skip)!;
  const keyFromCreate: string[] = [];
  for (const [i, param] of identity.key.entries()) {
    // Only the param's own column, or the key field's: a `data__` twin of the param is a body field the server may ignore.
    const byParam = create.slots.find((s) => s.column === param)?.arg;
    const field = keyFields[i];
    const isBody = (s: SlotInfo) => create.plan.args.find((a) => a.key === s.arg)?.kind === 'body';
    const byField = field ? create.slots.find((s) => isBody(s) && s.column.replace(/^data__/, '') === field)?.arg : undefined;
    const arg = byParam ?? byField;
    if (arg !== undefined && arg in create.contract.args) keyFromCreate.push(arg);
  }
  const keyKnown = keyFromCreate.length === identity.key.length;
  const keyReadable = keyFields.every((f) => f !== null && fieldNames.has(f));
  if (!keyKnown && !keyReadable) return { noRoundTrip: "the created row's key is given neither by the create's arguments nor by a field" };

  const readBack: Record<string, string> = {};
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  // A field named like a param of the get shows the value the get's WHERE gives, not the one written.
  const getParams = new Set([...identity.get!.requiredParams, ...identity.get!.optionalParams].map((p) => p.replace(/^data__/, '')));
  for (const s of create.slots) {
    if (s.column === '' || !scalar(create.contract.args[s.arg]) || create.plan.args.find((a) => a.key === s.arg)?.kind !== 'body') continue;
    const field = findByName(resource.fields, s.column.replace(/^data__/, ''));
    if (!field || field.name in readBack || identity.scope.includes(s.column) || getParams.has(field.name)) continue;
    // A key field carries the key: what the create wrote there is read back only when it is the key.
    if (keyFields.includes(field.name) && keyKnown && !keyFromCreate.includes(s.arg)) continue;
    readBack[field.name] = s.arg;
  }

  const getStep = step(get, true);
  const delStep = step(del, true);
  const listStep = step(list, false);
  if (get.contract.skip || list.contract.skip || del.contract.skip) return { noRoundTrip: 'the client cannot write the get, list or delete statement' };
  if (!getStep || !delStep || !listStep) return { noRoundTrip: 'the get or delete method does not take every part of the key' };
  if (keyReadable) listStep.columns = keyFields as string[];

  const rt: RoundTripContract = { create: step(create, false)!, get: getStep, list: listStep, delete: delStep, keyFields, readBack };
  if (keyKnown) rt.keyFromCreate = keyFromCreate;

  const update = drafts.find((d) => (d.plan.method.verb === 'update' || d.plan.method.verb === 'replace') && !d.contract.skip && within(d.plan.method) && keyArgs(d));
  if (update) {
    const upd = step(update, true)!;
    const expect: Record<string, string> = {};
    // An argument that also fills a WHERE slot or an `@param` names the row (or its scope): changing it would update another row.
    const locating = new Set(update.slots.filter((x) => x.place === 'where' || x.place === 'args').map((x) => x.arg));
    for (const s of update.slots) {
      if (s.place !== 'set' && s.place !== 'json' && s.place !== 'values') continue;
      const value = upd.args[s.arg];
      if (typeof value !== 'string' || !value.startsWith('sample-') || (upd.key && s.arg in upd.key) || locating.has(s.arg)) continue;
      const field = findByName(resource.fields, s.column.replace(/^data__/, ''));
      // Renaming the row (its key field) would lose it: the key stays. A field the get's WHERE shows is not read back.
      if (field && (keyFields.includes(field.name) || getParams.has(field.name) || identity.scope.includes(field.name))) continue;
      upd.args[s.arg] = `${value}-updated`;
      if (field && !(field.name in expect)) expect[field.name] = s.arg;
    }
    rt.update = { ...upd, expect };
  }
  const wantColumns = [...new Set([...(keyReadable ? (keyFields as string[]) : []), ...Object.keys(readBack), ...Object.keys(rt.update?.expect ?? {})])];
  if (wantColumns.length > 0 && wantColumns.every((c) => fieldNames.has(c))) getStep.columns = wantColumns;
  return { roundTrip: rt };
}
