/**
 * A method's argument slots as the contract planner sees them: where each argument of the client's
 * descriptor goes (WHERE, INSERT columns, SET, `@params`, `@@json` keys, the whole body), and the
 * draft of a method's contract that the spec and the round trip are built from.
 */
import type { MethodDescriptor, Slot } from './descriptor.js';
import type { MethodContract } from './contract-spec.js';
import type { MethodPlan } from './plan.js';

export type Place = 'where' | 'values' | 'set' | 'args' | 'json' | 'body';

export interface SlotInfo {
  place: Place;
  column: string;
  arg: string;
}

export function slotsOf(d: MethodDescriptor): SlotInfo[] {
  const out: SlotInfo[] = [];
  const add = (place: Place, slots: readonly Slot[] | undefined) => {
    for (const s of slots ?? []) out.push({ place, column: typeof s === 'string' ? s : s[0], arg: typeof s === 'string' ? s : s[1] });
  };
  add('where', d.where);
  add('values', d.values);
  add('set', d.set);
  add('args', d.args);
  add('json', d.json);
  if (d.body !== undefined) out.push({ place: 'body', column: '', arg: d.body });
  return out;
}

/** The argument that carries a documented param: its column, or its `data__` twin. */
export function argForParam(slots: SlotInfo[], param: string): string | undefined {
  const bare = param.replace(/^data__/, '');
  const slot =
    slots.find((s) => s.column === param) ??
    slots.find((s) => s.column !== '' && (s.column === `data__${param}` || `data__${s.column}` === param)) ??
    slots.find((s) => s.place === 'json' && s.column === bare);
  return slot?.arg;
}

export interface MethodDraft {
  plan: MethodPlan;
  slots: SlotInfo[];
  contract: MethodContract;
}
