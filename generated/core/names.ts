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

const loose = (name: string): string => name.replace(/^data__/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase();

/**
 * Finds a named item: exactly, then ignoring `data__`, case and separators when exactly one item
 * matches that way (AWS pages write fields as `security_groups` and INSERT columns as `SecurityGroups`).
 */
export function findByName<T extends { name: string }>(items: readonly T[] | undefined, name: string): T | undefined {
  if (!items) return undefined;
  const exact = items.find((item) => item.name === name);
  if (exact) return exact;
  const key = loose(name);
  if (key === '') return undefined;
  let found: T | undefined;
  for (const item of items) {
    if (loose(item.name) !== key) continue;
    if (found) return undefined;
    found = item;
  }
  return found;
}

/** A manifest's body properties: the props of its (usually single) root, else every root's props. */
export function manifestProps<N extends { name: string; props?: N[] }>(roots: readonly N[] | undefined): N[] {
  const list = roots ?? [];
  if (list.length === 1 && list[0]!.props) return list[0]!.props;
  return list.flatMap((root) => root.props ?? [root]);
}
