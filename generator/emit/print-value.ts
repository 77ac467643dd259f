/** Plain data as TypeScript literals: how the emitters print specs, lists and descriptors' values. */
import { propertyKey, tsString } from './names.ts';

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
    return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const members = entries.map(([k, v]) => `${propertyKey(k)}: ${printValue(v, inner, width)}`);
  const line = `{ ${members.join(', ')} }`;
  if (!line.includes('\n') && indent.length + line.length <= width - 10) return line;
  return `{\n${members.map((m) => `${inner}${m},`).join('\n')}\n${indent}}`;
}
