/**
 * How a documented name is matched to another: a required param to a field, an INSERT column to a
 * manifest property, a key param to the field that carries it. One rule for the generator and the
 * mock, so both resolve the same names the same way.
 */

/** Lower case, no `data__` prefix, no `_`/`-`/spaces: `data__display_name` matches `displayName`. */
export function normalizeName(name: string): string {
  return name.replace(/^data__/, '').replace(/[_\-\s]/g, '').toLowerCase();
}

/** English singular of a resource name, as far as resource names need it: `policies` → `policy`. */
export function singular(name: string): string {
  if (/ies$/i.test(name)) return name.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh)es$/i.test(name)) return name.slice(0, -2);
  if (/s$/i.test(name) && !/ss$/i.test(name)) return name.slice(0, -1);
  return name;
}
