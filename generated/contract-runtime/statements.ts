/**
 * Statements a contract sends besides the client's own calls, written with the client's renderer
 * from the client's descriptor: the method's statement with one argument left out (to see the
 * server refuse it), and `SELECT *` through a SELECT method. No vitest here: the generator
 * (generator/emit/contracts.ts) uses these too, to decide which cases can be written at all.
 */
import { qualifiedName } from '../runtime/render.js';
import { renderMethod, type MethodDescriptor, type ResourceDescriptor, type Slot } from '../runtime/resource-client.js';

function slotArgument(slot: Slot): string {
  return typeof slot === 'string' ? slot : slot[1];
}

const PLACES = ['where', 'values', 'set', 'args', 'json'] as const;

/** The descriptor without the slots of one argument (so the statement does not name it at all). */
export function withoutArgument(d: MethodDescriptor, arg: string): MethodDescriptor {
  const copy: Record<string, unknown> = { ...d };
  for (const place of PLACES) {
    const slots = d[place];
    if (slots) copy[place] = slots.filter((s) => slotArgument(s) !== arg);
  }
  if (d.body === arg) delete copy['body'];
  if (d.required) copy['required'] = d.required.filter((r) => r !== arg);
  return copy as unknown as MethodDescriptor;
}

/**
 * The method's statement without one argument (`args` must not hold it). A DELETE, UPDATE or
 * REPLACE left with no predicate is written by hand: the client refuses to render one (it would
 * change every row), but the server must refuse it too. Throws StackQLRenderError when there is no
 * such statement (an INSERT whose only column was that argument).
 */
export function renderWithout(resource: ResourceDescriptor<any>, key: string, arg: string, args: Record<string, unknown>): string {
  const descriptor = withoutArgument(methodOf(resource, key), arg);
  try {
    return renderMethod({ id: resource.id, methods: { [key]: descriptor } }, key, args);
  } catch (error) {
    const where = (descriptor.where ?? []).filter((slot) => args[slotArgument(slot)] !== undefined);
    if (where.length > 0) throw error;
    if (descriptor.verb === 'delete') return `DELETE FROM ${qualifiedName(resource.id.split('.'))}`;
    if (descriptor.verb !== 'update' && descriptor.verb !== 'replace') throw error;
    // The statement with the argument given, its WHERE (that one predicate) then cut out.
    const full = renderMethod(resource, key, { ...args, [arg]: 'x' });
    const at = full.lastIndexOf('\nWHERE\n');
    if (at < 0) throw error;
    const returning = full.indexOf('\nRETURNING ', at);
    return `${full.slice(0, at)}${returning < 0 ? ';' : full.slice(returning)}`;
  }
}

/** `SELECT *` through a SELECT method: its WHERE params, no column list. */
export function renderSelectStar(resource: ResourceDescriptor<any>, key: string, args: Record<string, unknown>): string {
  const { columns: _columns, ...star } = methodOf(resource, key);
  return renderMethod({ id: resource.id, methods: { [key]: star } }, key, args);
}

function methodOf(resource: ResourceDescriptor<any>, key: string): MethodDescriptor {
  const method = resource.methods[key];
  if (method === undefined) throw new TypeError(`the generated client of ${resource.id} has no method '${key}'`);
  return method;
}
