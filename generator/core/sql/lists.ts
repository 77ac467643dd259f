/**
 * Comma lists as docs mode reads them. The strict grammar reads `item (, item)*`; the docs also
 * have empty items (`SELECT\n,\na`), a `...` for "and so on", and lists with nothing in them
 * (`SELECT\n\nFROM`). This reads all of those and leaves the decision (skip, pair, report) to the
 * caller, which knows what the list is for: an empty INSERT column must take its value with it.
 */
import type { Pos } from './ast.ts';
import type { Cursor } from './cursor.ts';
import type { RepairLog } from './repairs.ts';

export type ListSlot<T> =
  | { kind: 'item'; value: T; pos: Pos; text: string }
  /** An empty item: nothing before the next `,` or the end of the list; `pos` is that token. */
  | { kind: 'hole'; pos: Pos };

export interface TolerantList<T> {
  slots: ListSlot<T>[];
  /** True when the list has nothing at all: no item, no comma, no `...`. */
  empty: boolean;
}

export interface ListGrammar<T> {
  /** Names the list in repair messages: 'the select list'. */
  what: string;
  /** Whether the token at the cursor can begin an item; when not, the item is empty. */
  canStart: () => boolean;
  /** Reads one item; undefined when the item was dropped (and the drop already reported). */
  item: () => T | undefined;
}

export function readTolerantList<T>(c: Cursor, log: RepairLog, grammar: ListGrammar<T>): TolerantList<T> {
  const slots: ListSlot<T>[] = [];
  let sawAnything = false;
  while (true) {
    const token = c.peek();
    if (isEllipsis(c)) {
      c.index += 3;
      log.add('sql/ellipsis', `'...' in ${grammar.what} stands for more items; skipped`, token.pos);
      sawAnything = true;
    } else if (c.isOperator(',') || !grammar.canStart()) {
      slots.push({ kind: 'hole', pos: token.pos });
    } else {
      const start = c.index;
      const value = grammar.item();
      if (value !== undefined) slots.push({ kind: 'item', value, pos: token.pos, text: c.textFrom(start) });
      sawAnything = true;
    }
    if (!c.acceptOperator(',')) break;
    sawAnything = true;
  }
  if (!sawAnything) return { slots: [], empty: true };
  return { slots, empty: false };
}

/**
 * The items of a list whose empty items are simply skipped (select lists, SET, RETURNING), each
 * skip reported.
 */
export function skipHoles<T>(list: TolerantList<T>, log: RepairLog, what: string): T[] {
  const values: T[] = [];
  for (const slot of list.slots) {
    if (slot.kind === 'item') values.push(slot.value);
    else log.add('sql/empty-list-item', `empty item in ${what}; skipped`, slot.pos);
  }
  return values;
}

/** `...` written as three adjacent dots (the lexer reads each as a `.` operator). */
function isEllipsis(c: Cursor): boolean {
  const [a, b, d] = [c.peek(), c.peek(1), c.peek(2)];
  return c.isOperator('.') && c.isOperator('.', 1) && c.isOperator('.', 2) && a.end === b.pos.offset && b.end === d.pos.offset;
}
