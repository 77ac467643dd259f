/**
 * What a contract suite checks, decided from the model as plain data (core/contract-spec.ts): the
 * sample arguments of each method (the params and body fields its docs' example uses, and every
 * required one; values from core/sample-values.ts), the shape of the docs' example, the required
 * params whose absence must be refused, the docs' examples with placeholders filled, and the
 * create → get → list → update → delete plan (round-trip.ts).
 */
import type { Resource } from './model.js';
import type { MethodDescriptor } from './descriptor.js';
import { parseStatement } from './sql/index.js';
import { deriveIdentity } from './identity.js';
import { fillPlaceholders, sampleValue } from './sample-values.js';
import { statementShape, type StatementShape } from './statement-shape.js';
import { missingParams } from './required-params.js';
import type { ContractSpec, ExampleContract, MethodContract } from './contract-spec.js';
import { exampleFor, planResource, type MethodPlan, type ResourcePlan } from './plan.js';
import { roundTrip } from './round-trip.js';
import { ambiguousSelects, missingRequired, selectNotSupported, unknownColumnsRead, unknownFunctions } from './doc-defects.js';
import { argForParam, slotsOf, type MethodDraft, type Place, type SlotInfo } from './contract-slots.js';
import { exampleStatement } from './example-statement.js';

function sampleFor(resource: Resource, slot: SlotInfo): unknown {
  return sampleValue(slot.column !== '' ? slot.column : slot.arg, resource);
}

function exampleNames(shape: StatementShape, place: Place): string[] | undefined {
  if (place === 'body') return shape.verb === 'exec' ? [''] : undefined;
  return shape[place];
}


function methodDraft(resource: Resource, mp: MethodPlan, render: RenderMethod): MethodDraft {
  const slots = slotsOf(mp.descriptor);
  const example = exampleFor(resource, mp.method);
  const statement = example && exampleStatement(example);
  const shape = statement ? statementShape(statement) : undefined;
  const wanted = new Set<string>(mp.args.filter((a) => a.required).map((a) => a.key));
  for (const s of slots) {
    if (shape) {
      if (exampleNames(shape, s.place)?.includes(s.column)) wanted.add(s.arg);
    } else if (mp.method.verb !== 'select' && mp.method.verb !== 'delete' && mp.args.find((a) => a.key === s.arg)?.kind === 'body') {
      wanted.add(s.arg);
    }
  }
  const args: Record<string, unknown> = {};
  for (const s of slots) if (wanted.has(s.arg) && !(s.arg in args)) args[s.arg] = sampleFor(resource, s);
  const contract: MethodContract = { key: mp.key, name: mp.method.name, verb: mp.method.verb, required: [...mp.method.requiredParams], args };
  try {
    render({ id: resource.id, methods: { [mp.key]: mp.descriptor } }, mp.key, args);
  } catch (error) {
    // The docs give nothing to send (`INSERT INTO r () SELECT ;`, `DELETE ... WHERE = '{{  }}'`): no server can be asked.
    contract.skip = `the client cannot write a statement for it (${oneLine((error as Error).message)})`;
  }
  const unsupported = selectNotSupported(resource, mp.method);
  if (unsupported) contract.skip = unsupported;
  if (example && shape) contract.example = { line: example.line, shape };
  if (mp.select && mp.select.columns.length > 0 && resource.fields.length > 0) contract.fields = [...mp.select.columns];
  return { plan: mp, slots, contract };
}

/**
 * The required params whose absence must be refused: each that an argument carries, unless the
 * statement without it still satisfies another method of the verb (StackQL would then run that one).
 */
function withoutRequired(resource: Resource, draft: MethodDraft): Array<{ param: string; arg: string }> {
  const { plan: mp, slots, contract } = draft;
  const out: Array<{ param: string; arg: string }> = [];
  if (contract.skip) return out;
  const seen = new Set<string>();
  const verb = mp.method.verb;
  // StackQL runs the most specific method of the verb whose required params are all there (EXEC: the one it names).
  const candidates = verb === 'exec' ? [mp.method] : resource.methods.filter((m) => m.verb === verb);
  for (const param of mp.method.requiredParams) {
    const arg = argForParam(slots, param);
    if (arg === undefined || seen.has(arg) || !(arg in contract.args)) continue;
    seen.add(arg);
    // What the statement without that argument names: the other slots the call fills (the client
    // writes exactly those; statements.ts renderWithout).
    const kept = slots.filter((s) => s.arg !== arg && s.arg in contract.args && contract.args[s.arg] !== undefined);
    // An INSERT whose only column is this one, or an UPDATE whose only SET: no statement to send.
    if (verb === 'insert' && !kept.some((s) => s.place === 'values')) continue;
    if ((verb === 'update' || verb === 'replace') && !kept.some((s) => s.place === 'set')) continue;
    const named = kept.filter((s) => s.column !== '');
    const left = { anywhere: new Set(named.filter((s) => s.place !== 'set').map((s) => s.column)), body: new Set(named.filter((s) => s.place === 'set').map((s) => s.column)) };
    const place = (name: string) => resource.params.find((p) => p.name === name)?.in;
    if (candidates.some((m) => missingParams(m, left, place).length === 0)) continue;
    out.push({ param, arg });
  }
  return out;
}

function examples(resource: Resource): ExampleContract[] {
  return resource.examples.map((e): ExampleContract => {
    const base = { line: e.line, verb: e.verb, ...(e.method ? { method: e.method } : {}) };
    if (e.parseError) return { ...base, sql: e.sql, readOnly: e.verb === 'select', skip: `the docs' SQL does not parse (${oneLine(e.parseError)})` };
    const unknown =
      unknownFunctions(e) ??
      unknownColumnsRead(e, resource) ??
      (e.verb === 'select' && resource.selectNotSupported && !e.target ? 'the page says SELECT is not supported for this resource' : undefined) ??
      missingRequired(e, resource.id, resource.methods, resource.params);
    if (unknown) return { ...base, sql: e.sql, readOnly: e.verb === 'select', skip: unknown };
    let sql: string;
    try {
      sql = fillPlaceholders(e, resource);
    } catch (error) {
      return { ...base, sql: e.sql, readOnly: e.verb === 'select', skip: `its placeholders cannot be filled (${oneLine((error as Error).message)})` };
    }
    try {
      const statement = parseStatement(sql, { templates: false });
      const readOnly = statement.kind === 'select' || statement.kind === 'show' || statement.kind === 'describe';
      return { ...base, verb: statement.kind, sql, readOnly };
    } catch (error) {
      return { ...base, sql, readOnly: e.verb === 'select', skip: `its SQL does not parse once filled (${oneLine((error as Error).message)})` };
    }
  });
}

export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

/** SELECT by key: fill the key arguments from a listed row, so that the call finds something. */
function lookups(resource: Resource, drafts: MethodDraft[]): void {
  const identity = deriveIdentity(resource, resource.fields);
  const list = drafts.find((d) => d.plan.method === identity.list);
  if (!list || list.contract.skip || identity.key.length === 0) return;
  const fieldNames = new Set(resource.fields.map((f) => f.name));
  for (const d of drafts) {
    if (d.plan.method.verb !== 'select' || d === list) continue;
    const fill: Record<string, string> = {};
    for (const [i, param] of identity.key.entries()) {
      const field = identity.keyFields[i];
      const arg = argForParam(d.slots, param);
      if (field && fieldNames.has(field) && arg !== undefined && arg in d.contract.args) fill[arg] = field;
    }
    if (Object.keys(fill).length === 0) continue;
    const required = new Set(list.plan.args.filter((a) => a.required).map((a) => a.key));
    const args = Object.fromEntries(Object.entries(list.contract.args).filter(([k]) => required.has(k)));
    d.contract.lookup = { method: list.plan.key, args, columns: [...new Set(Object.values(fill))], fill };
  }
}

/**
 * How the client writes a method's statement: the client runtime's renderMethod
 * (runtime/resource-client.ts), passed in by the caller since core imports no runtime. It throws
 * when the arguments give nothing to write.
 */
export type RenderMethod = (resource: { readonly id: string; readonly methods: { readonly [method: string]: MethodDescriptor } }, method: string, args: Record<string, unknown>) => unknown;

export interface ContractSpecOptions {
  render: RenderMethod;
  /**
   * Whether a view's base resource is in the model the suites run against (a view reads its
   * base's rows: without the base, no mock or server can answer it). Default: it is.
   */
  baseInModel?: boolean;
  /** The resource's plan, when the caller has it already. */
  plan?: ResourcePlan;
}

/**
 * What a resource's contract suite checks: a pure function of the resource's model and of whether
 * a view's base is in the model. The generator (emit/contracts.ts) and the contract runtime
 * (mocks/contract/suite.ts, which builds it at run time from the model) call the same code.
 */
export function contractSpec(resource: Resource, options: ContractSpecOptions): ContractSpec {
  const plan = options.plan ?? planResource(resource);
  const drafts = plan.methods.map((mp) => methodDraft(resource, mp, options.render));
  const base = resource.view?.base;
  if (base !== undefined && options.baseInModel === false) {
    for (const d of drafts) d.contract.skip = `the view reads ${base}, which is not in the model (generate with its page too)`;
  }
  const ambiguous = ambiguousSelects(resource.methods);
  for (const d of drafts) {
    const same = ambiguous.get(d.plan.method);
    if (same) d.contract.starSkip = `a statement cannot tell it from ${same.map((m) => m.name).join(', ')} (the same required params)`;
  }
  for (const d of drafts) {
    const cases = withoutRequired(resource, d);
    if (cases.length > 0) d.contract.withoutRequired = cases;
  }
  lookups(resource, drafts);
  const spec: ContractSpec = {
    id: resource.id,
    source: resource.source.file,
    params: [...new Set([...resource.params.map((p) => p.name), ...resource.methods.flatMap((m) => [...m.requiredParams, ...m.optionalParams])])],
    methods: drafts.map((d) => d.contract),
    examples: examples(resource),
  };
  Object.assign(spec, roundTrip(resource, drafts));
  return spec;
}
