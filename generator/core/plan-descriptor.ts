/**
 * A method's descriptor, the plain data the client runtime renders its statement from: the slots
 * by place, the example's label hint and directives, RETURNING columns, required arguments.
 */
import type { Example, Method } from './model.ts';
import type { SelectColumn } from './sql/ast.ts';
import type { MethodDescriptor, Slot } from './descriptor.ts';
import type { ArgPlan, Place, SlotDraft } from './plan-slots.ts';
import { exampleStatement } from './example-statement.ts';

export type Draft<T> = { -readonly [K in keyof T]: T[K] };

// --- descriptor -------------------------------------------------------------------------------

const toSlot = (s: SlotDraft): Slot => (s.column === s.key ? s.column : [s.column, s.key]);

export function describe(method: Method, example: Example | undefined, slots: SlotDraft[], args: ArgPlan[]): Draft<MethodDescriptor> {
  const statement = (example && exampleStatement(example));
  const { hint, directives } = example ? hintsOf(example.sql) : { hint: undefined, directives: [] };
  const of = (place: Place) => slots.filter((s) => s.place === place).map(toSlot);
  const d: Draft<MethodDescriptor> = { verb: method.verb, name: method.name };
  if (method.verb === 'exec' && statement?.kind === 'exec' && statement.target.parts.length === 4) {
    d.name = statement.target.parts[3]!;
  }
  if (hint) d.hint = hint;
  if (directives.length > 0) d.directives = directives;
  const jsonWhole = slots.find((s) => s.place === 'json' && s.column === '');
  for (const place of ['where', 'values', 'set', 'args', 'json'] as const) {
    if (place === 'json' && jsonWhole) continue;
    const list = of(place);
    if (list.length > 0) d[place] = list;
  }
  if (jsonWhole) d.body = jsonWhole.key;
  const returning = statement && 'returning' in statement ? plainColumns(statement.returning) : undefined;
  if (returning && returning.length > 0) d.returning = returning;
  const required = args.filter((a) => a.required).map((a) => a.key);
  if (required.length > 0) d.required = required;
  return d;
}

/** Plain column names, or undefined when any column is an expression, an alias or `*`. */
export function plainColumns(columns: SelectColumn[]): string[] | undefined {
  const names: string[] = [];
  for (const c of columns) {
    if (c.expr.type !== 'column' || c.expr.table !== undefined || c.alias !== undefined) return undefined;
    names.push(c.expr.name);
  }
  return names;
}

export const isStar = (columns: SelectColumn[]) => columns.some((c) => c.expr.type === 'star');

/**
 * The docs write `/*+ create *\/` before the verb (a label StackQL ignores) and query directives
 * such as `/*+ AWAIT *\/` after it. The parsed statement merges both, so they are told apart here
 * by where they stand in the example's text.
 */
export function hintsOf(sql: string): { hint: string | undefined; directives: string[] } {
  const labels: string[] = [];
  const directives: string[] = [];
  const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);
  const valid = /^[A-Za-z_][A-Za-z0-9_]*$/;
  // String literals may contain anything, `/*+` included: blank them out first.
  const masked = sql.replace(/'(?:[^']|'')*'?/g, (text) => ' '.repeat(text.length));
  for (const m of masked.matchAll(/\/\*\+([\s\S]*?)\*\//g)) {
    const before = masked
      .slice(0, m.index)
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/--[^\n]*/g, ' ');
    const list = words(m[1] ?? '').filter((w) => valid.test(w));
    if (/\b(select|insert|update|replace|delete|exec)\b/i.test(before)) directives.push(...list);
    else labels.push(...list);
  }
  return { hint: labels.length > 0 ? labels.join(' ') : undefined, directives };
}

