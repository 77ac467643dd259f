/**
 * Docs mode: pairing an INSERT's columns with its values when the two lists do not line up. The
 * strict grammar demands equal counts. The docs have empty column names (`(\n ,\n region)` with
 * `'{{  }}'` as the value), empty values, and fewer values than columns (a name listed twice, once
 * as `data__region` and once as `region`, with one value). Pairing stays positional, as StackQL
 * pairs them; a position without both a column and a value is dropped whole and reported, so the
 * statement keeps its invariant: columns[i] is values[i].column.
 */
import type { ListSlot, TolerantList } from './lists.ts';
import type { RepairLog } from './repairs.ts';

export interface Pair<V> {
  column: string;
  value: V;
  /** Index of the value in its list: lets the caller keep INSERT ... SELECT ... FROM's columns in step. */
  index: number;
}

/**
 * `values` names its list for messages: 'the SELECT list' or 'the VALUES list'. An empty list
 * (`INSERT ... (\n)`) has already been reported by the caller and arrives without slots.
 */
export function pairColumnsAndValues<V>(
  columns: TolerantList<string>,
  values: TolerantList<V>,
  valuesWhat: string,
  log: RepairLog,
): Pair<V>[] {
  const cols = columns.slots;
  const vals = values.slots;
  const counts = `INSERT lists ${plural(countItems(cols), 'column')} but ${plural(countItems(vals), 'value')}`;
  const pairs: Pair<V>[] = [];
  for (let i = 0; i < Math.max(cols.length, vals.length); i++) {
    const column: ListSlot<string> | undefined = cols[i];
    const value: ListSlot<V> | undefined = vals[i];
    if (column?.kind === 'item' && value?.kind === 'item') {
      pairs.push({ column: column.value, value: value.value, index: i });
    } else if (column?.kind === 'hole') {
      const fate =
        value?.kind === 'item' ? `its value ${value.text} is dropped with it` : value?.kind === 'hole' ? 'its value is empty too; both skipped' : 'skipped';
      log.add('sql/empty-list-item', `empty column name in the INSERT column list; ${fate}`, column.pos);
    } else if (value?.kind === 'hole') {
      const fate = column === undefined ? 'skipped' : `its column '${column.value}' is dropped with it`;
      log.add('sql/empty-list-item', `empty value in ${valuesWhat}; ${fate}`, value.pos);
    } else if (column !== undefined) {
      log.add('sql/missing-values', `column '${column.value}' has no value (${counts}); the column is left out`, column.pos);
    } else if (value !== undefined) {
      log.add('sql/extra-values', `value ${value.text} has no column (${counts}); the value is left out`, value.pos);
    }
  }
  return pairs;
}

function countItems(slots: ListSlot<unknown>[]): number {
  return slots.filter((slot) => slot.kind === 'item').length;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
