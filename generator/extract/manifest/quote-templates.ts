/**
 * The manifests' pre-passes, which make template text YAML without changing any line's number:
 *  - templates: quote every bare `{{ ... }}` value (one that starts a value after `key: ` or `- `
 *    and is not already quoted), so `- name: {{ x }}` is the string it means, not a flow mapping;
 *  - colons (run only when YAML still fails): quote a one-line plain value that holds `: `
 *    (`description: Possible values include: - x`), which YAML takes for a nested mapping.
 * Both skip block scalars.
 */
import { indentOf } from './tree.ts';

/** A line whose value is a block scalar indicator: `key: |`, `- >-`, ... */
const BLOCK_START = /(?:^|:[ \t]+|-[ \t]+)[|>][-+0-9]*[ \t]*(?:#.*)?$/;

export interface Quoted {
  text: string;
  /** 0-based line indexes whose text was changed (their columns no longer match). */
  changed: Set<number>;
}

export function quoteBareTemplates(lines: string[], options: { colons?: boolean } = {}): Quoted {
  const changed = new Set<number>();
  let out: string[] | null = null;
  let blockParent = -1; // indent a line must exceed to stay inside the current block scalar
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = indentOf(line);
    if (blockParent >= 0) {
      if (indent < 0 || indent > blockParent) continue;
      blockParent = -1;
    }
    if (indent < 0) continue;
    if (BLOCK_START.test(line) && !line.trimStart().startsWith('#')) {
      blockParent = blockParentColumn(line, indent);
      continue;
    }
    const prefix = valueOffset(line);
    // Only after `key: ` or `- `: a line that is just `{{ x }}` may continue a plain scalar.
    if (prefix === undefined || line.slice(0, prefix).trim() === '') continue;
    let value = line.slice(prefix);
    let comment = '';
    if (value.startsWith('{{')) {
      const hash = value.lastIndexOf(' #');
      if (hash > value.lastIndexOf('}}')) {
        comment = value.slice(hash);
        value = value.slice(0, hash);
      }
    } else if (options.colons && isPlainWithColon(value) && !continues(lines, i, indent)) {
      const hash = value.indexOf(' #');
      if (hash !== -1) {
        comment = value.slice(hash);
        value = value.slice(0, hash);
      }
    } else continue;
    const trail = /\s*$/.exec(value)![0];
    value = value.slice(0, value.length - trail.length);
    out ??= lines.slice();
    out[i] = `${line.slice(0, prefix)}'${value.replace(/'/g, "''")}'${trail}${comment}`;
    changed.add(i);
  }
  return { text: (out ?? lines).join('\n'), changed };
}

/**
 * The column a block scalar's lines must be indented beyond: the key's column on a line such
 * as `  - - key: |`, or the last dash's column on `  - |`.
 */
function blockParentColumn(line: string, indent: number): number {
  let col = indent;
  let dash = indent;
  while (line[col] === '-' && (line[col + 1] === ' ' || line[col + 1] === '\t')) {
    dash = col;
    col++;
    while (line[col] === ' ' || line[col] === '\t') col++;
  }
  return line[col] === '|' || line[col] === '>' ? dash : col;
}

/** A plain scalar (no quote, flow or block indicator) holding `: `: YAML reads a mapping there. */
function isPlainWithColon(value: string): boolean {
  if (value === '' || '\'"[]{}|>&*!%@#`'.includes(value[0])) return false;
  const hash = value.indexOf(' #');
  const colon = value.indexOf(': ');
  return colon !== -1 && (hash === -1 || colon < hash);
}

/** True when the next non-blank line is deeper than `indent` and not a key or item: the value goes on. */
function continues(lines: string[], i: number, indent: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    const d = indentOf(lines[j]);
    if (d < 0) continue;
    return d > indent && valueOffset(lines[j]) === undefined;
  }
  return false;
}

/**
 * Where the value starts on a `key: value` or `- value` line (`  - key: {{ x }}` → the offset of
 * `{{`), or undefined. Read by hand, left to right: the regex it replaces nested quantifiers over
 * the line.
 */
export function valueOffset(line: string): number | undefined {
  const space = (k: number) => line[k] === ' ' || line[k] === '\t';
  let k = 0;
  while (space(k)) k++;
  while (line[k] === '-' && space(k + 1)) {
    k++;
    while (space(k)) k++;
  }
  const afterDashes = k;
  const c = line[k];
  if (c === '{' && line[k + 1] === '{') return k;
  if (c === undefined) return undefined;
  if (c === '"' || c === "'") {
    let e = k + 1;
    for (; e < line.length; e++) {
      if (c === '"' && line[e] === '\\') e++;
      else if (line[e] === c) {
        if (c === "'" && line[e + 1] === "'") e++;
        else break;
      }
    }
    if (e >= line.length) return undefined;
    k = e + 1;
    while (space(k)) k++;
    if (line[k] !== ':') return afterDashes > 0 ? afterDashes : undefined;
  } else {
    if ('#\'"{[]},&*!|>%@`'.includes(c) || /\s/.test(c)) return afterDashes > 0 ? afterDashes : undefined;
    if (c === '-' && (line[k + 1] === undefined || /[\s:#]/.test(line[k + 1]))) return undefined;
    let e = k + 1;
    while (e < line.length && line[e] !== ':' && line[e] !== '#') e++;
    if (line[e] !== ':') return afterDashes > 0 ? afterDashes : undefined;
    k = e;
  }
  if (!space(k + 1)) return afterDashes > 0 ? afterDashes : undefined;
  k++;
  while (space(k)) k++;
  return k;
}
