/** Plain data as TypeScript literals: how the emitters print lists and descriptors' values. */
import { propertyKey, tsString } from '../core/ts-names.ts';

const WIDTH = 100;

/** A value as a TypeScript literal: single-quoted strings, bare keys where possible, short lists on one line. */
export function printValue(value: unknown, indent = '', width = WIDTH): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => printValue(v, inner, width));
    const line = `[${items.join(', ')}]`;
    if (!line.includes('\n') && indent.length + line.length <= width - 10) return line;
    // Long lists of names (a resource's columns, params) fill their lines: one name per line made
    // a whole provider's generated files tens of MB.
    if (value.every((v) => v === null || typeof v !== 'object')) return `[\n${fill(items, inner, width)}\n${indent}]`;
    return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const members = entries.map(([k, v]) => `${propertyKey(k)}: ${printValue(v, inner, width)}`);
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
