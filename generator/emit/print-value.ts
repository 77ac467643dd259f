/** Plain data as TypeScript literals: how the emitters print specs, lists and descriptors' values. */
import { propertyKey, tsString } from './names.ts';

const WIDTH = 100;

/** A value as a TypeScript literal: single-quoted strings, bare keys where possible, short lists on one line. */
export function printValue(value: unknown, indent = '', width = WIDTH, names?: ReadonlyMap<string, string>): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const named = names?.get(JSON.stringify(value));
    if (named !== undefined) return named;
    const items = value.map((v) => printValue(v, inner, width, names));
    const line = `[${items.join(', ')}]`;
    if (!line.includes('\n') && indent.length + line.length <= width - 10) return line;
    // Long lists of names (a resource's columns, params) fill their lines: one name per line made
    // a whole provider's contract suites tens of MB.
    if (value.every((v) => v === null || typeof v !== 'object')) return `[\n${fill(items, inner, width)}\n${indent}]`;
    return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const members = entries.map(([k, v]) => `${propertyKey(k)}: ${printValue(v, inner, width, names)}`);
  const line = `{ ${members.join(', ')} }`;
  if (!line.includes('\n') && indent.length + line.length <= width - 10) return line;
  return `{\n${members.map((m) => `${inner}${m},`).join('\n')}\n${indent}}`;
}

/** Scalars as `a, b, c,` lines of at most `width` columns (an item longer than that gets a line of its own). */
function fill(items: readonly string[], indent: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? `${indent}${item},` : `${line} ${item},`;
    if (line !== '' && next.length > width) {
      lines.push(line);
      line = `${indent}${item},`;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/**
 * Lists of names too long for one line (`minChars` of JSON) that occur more than once in `value`,
 * by their JSON, in first-seen order: a suite prints each once as a constant and refers to it (a
 * resource's columns recur in every SELECT method's fields and example shape).
 */
export function repeatedLists(value: unknown, minChars = 80): string[] {
  const seen = new Map<string, number>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      const key = JSON.stringify(v);
      if (key.length >= minChars && v.every((x) => typeof x === 'string')) {
        seen.set(key, (seen.get(key) ?? 0) + 1);
        return;
      }
      v.forEach(walk);
    } else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}
