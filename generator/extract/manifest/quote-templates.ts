/**
 * The manifests' template pre-pass: quote every bare `{{ ... }}` value (one that starts a value
 * after `key: ` or `- ` and is not already quoted), outside block scalars, without changing any
 * line's number, so the yaml package reads `- name: {{ x }}` as the string it means.
 */
import { indentOf } from './tree.ts';

/** A line whose value is a block scalar indicator: `key: |`, `- >-`, ... */
const BLOCK_START = /(?:^|:[ \t]+|-[ \t]+)[|>][-+0-9]*[ \t]*(?:#.*)?$/;

export interface Quoted {
  text: string;
  /** 0-based line indexes whose text was changed (their columns no longer match). */
  changed: Set<number>;
}

export function quoteBareTemplates(lines: string[]): Quoted {
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
    if (!line.includes('{{')) continue;
    const prefix = templatePrefix(line);
    // Only after `key: ` or `- `: a line that is just `{{ x }}` may continue a plain scalar.
    if (prefix === undefined || line.slice(0, prefix).trim() === '') continue;
    let value = line.slice(prefix);
    let comment = '';
    const hash = value.lastIndexOf(' #');
    if (hash > value.lastIndexOf('}}')) {
      comment = value.slice(hash);
      value = value.slice(0, hash);
    }
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

/**
 * Where a bare template value starts on a line (`  - key: {{ x }}` → the offset of `{{`), or
 * undefined. Read by hand, left to right: the regex it replaces nested quantifiers over the line.
 */
export function templatePrefix(line: string): number | undefined {
  const space = (k: number) => line[k] === ' ' || line[k] === '\t';
  let k = 0;
  while (space(k)) k++;
  while (line[k] === '-' && space(k + 1)) {
    k++;
    while (space(k)) k++;
  }
  if (line.startsWith('{{', k)) return k;
  const c = line[k];
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
    if (line[k] !== ':') return undefined;
  } else {
    if ('#\'"{[]},&*!|>%@`'.includes(c) || /\s/.test(c)) return undefined;
    if (c === '-' && (line[k + 1] === undefined || /[\s:#]/.test(line[k + 1]))) return undefined;
    let e = k + 1;
    while (e < line.length && line[e] !== ':' && line[e] !== '#') e++;
    if (line[e] !== ':') return undefined;
    k = e;
  }
  if (!space(k + 1)) return undefined;
  k++;
  while (space(k)) k++;
  return line.startsWith('{{', k) ? k : undefined;
}
