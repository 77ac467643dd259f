/**
 * The Datatype cell grammar (`base` or `base (format)`) and the facts the docs append to
 * descriptions: a trailing enum list `(A, B, C)`, `(default: x)`, `(example: x)`,
 * `(pattern: ...)`, several of those in one group or in several groups. And where the type
 * reference (core/types.ts) is attached: every Field, Param and manifest node gets its `typeRef`
 * here, from the rule in core/types.ts.
 */
import type { Field, ManifestNode, ManifestTreeNode, Param, TypeRef } from '../core/model.ts';
import { findByName, manifestProps } from '../core/names.ts';
import { isUsablePattern, manifestType, nestedType, refineWithManifest, typeOfWord, unknownType } from '../core/types.ts';

export interface DataType {
  type: string;
  format?: string;
}

const BASES = new Set(['string', 'object', 'array', 'boolean', 'integer', 'number', 'text', 'any', 'undefined', 'null', 'unknown', 'bool', 'int', 'float', 'double', 'map', 'date', 'datetime', 'timestamp', 'json']);

/** `string (int64)` → {type:'string', format:'int64'}; '' → unknown. Unrecognised bases pass through. */
export function parseDataType(raw: string): DataType & { recognised: boolean } {
  const t = raw.trim();
  if (t === '') return { type: 'unknown', recognised: true };
  const m = /^([A-Za-z_][\w-]*)\s*(?:\((.*)\))?$/.exec(t);
  if (!m) return { type: t.toLowerCase(), recognised: false };
  const base = m[1].toLowerCase();
  const out: DataType & { recognised: boolean } = { type: base, recognised: BASES.has(base) };
  if (m[2] !== undefined && m[2].trim() !== '') out.format = m[2].trim();
  return out;
}

export interface DescriptionFacts {
  description: string;
  enum?: string[];
  default?: string;
  example?: string;
  pattern?: string;
}

const FACT_KEYS = /(?:^|,\s*)(default|example|pattern):\s*/g;

/** Trailing groups read at most: a description ends with one or two, a hostile one with thousands. */
const MAX_GROUPS = 8;
const ENUM_LIST = /^[A-Za-z0-9_.:\-/]+(\s*,\s*[A-Za-z0-9_.:\-/]+)*$/;

/**
 * Splits trailing facts off a plain-text description: the parenthesised groups that end it, last
 * first, each an enum list `(A, B)` or facts `(default: x, example: y)`, in any order
 * (`(A, B) (example: x)`); a group of prose ends the run. The description itself is kept whole:
 * the facts are copied out, not cut, so nothing the doc said is lost.
 */
export function describe(text: string): DescriptionFacts {
  const out: DescriptionFacts = { description: text };
  const lists: string[][] = [];
  let end = text.length;
  for (let n = 0; n < MAX_GROUPS; n++) {
    const group = trailingGroup(text, end);
    if (!group) break;
    if (/^(default|example|pattern):/.test(group.content)) {
      const keys = [...group.content.matchAll(FACT_KEYS)];
      keys.forEach((k, idx) => {
        const start = (k.index ?? 0) + k[0].length;
        const stop = idx + 1 < keys.length ? keys[idx + 1].index ?? group.content.length : group.content.length;
        const value = group.content.slice(start, stop).trim();
        const key = k[1] as 'default' | 'example' | 'pattern';
        // The group nearest the end is read first; an earlier repeat of a key does not replace it.
        if (value !== '' && out[key] === undefined) out[key] = value;
      });
    } else if (ENUM_LIST.test(group.content)) lists.push(group.content.split(',').map((v) => v.trim()));
    else break;
    end = group.start;
    // Groups are separated by spaces, or a full stop: `(A, B). (default: A)`.
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '.' || text[end - 1] === '\t')) end--;
  }
  // An enum list needs two values, as prose in brackets ("(deprecated)") is one word; one value is
  // an enum only when the page also gives it as the default: `(RAW) (default: RAW)`.
  const list = lists.find((l) => l.length > 1) ?? lists.find((l) => l.length === 1 && l[0] === out.default);
  if (list) out.enum = list;
  return out;
}

/** The parenthesised group that ends `text.slice(0, end)` (trailing spaces aside), honouring nested brackets. */
function trailingGroup(text: string, end: number): { content: string; start: number } | undefined {
  let last = end - 1;
  while (last >= 0 && /\s/.test(text[last])) last--;
  if (text[last] !== ')') return undefined;
  let depth = 0;
  for (let i = last; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(') {
      depth--;
      if (depth === 0) return { content: text.slice(i + 1, last).trim(), start: i };
    }
  }
  return undefined;
}

// --- type references -----------------------------------------------------------------------------

/** The type of a fields or parameters table row: its Datatype cell and its description's facts. */
export function rowType(dt: DataType, facts: DescriptionFacts): TypeRef {
  return typeOfWord(dt.type, { format: dt.format, enum: facts.enum, pattern: facts.pattern });
}

/** Why a documented pattern is left out of the type (undefined: it is kept). */
export function unusablePattern(facts: DescriptionFacts): string | undefined {
  if (facts.pattern === undefined || isUsablePattern(facts.pattern)) return undefined;
  return `pattern '${facts.pattern}' is not a valid regular expression; values are not checked against it`;
}

/** Copies a description's facts onto a field or param. */
export function copyFacts(target: Pick<Field, 'enum' | 'default' | 'example' | 'pattern'>, facts: DescriptionFacts): void {
  if (facts.enum) target.enum = facts.enum;
  if (facts.default !== undefined) target.default = facts.default;
  if (facts.example !== undefined) target.example = facts.example;
  if (facts.pattern !== undefined) target.pattern = facts.pattern;
}

/** A manifest tree with its body properties' types resolved (see ManifestNode). */
export function typeManifest(nodes: readonly ManifestTreeNode[]): ManifestNode[] {
  const typed = nodes as ManifestNode[];
  for (const node of manifestProps(typed)) node.typeRef = manifestType(node);
  return typed;
}

/**
 * The page-level part of the rule, once every table is read: nested fields become object types,
 * a field takes the shape its manifest property gives (core/types.ts refineWithManifest), and a
 * parameter known only by name takes the scalar type of the field of the same name.
 */
export function resolvePageTypes(fields: Field[], params: Param[], manifest: ManifestNode[] | undefined): void {
  const props = manifestProps(manifest);
  for (const f of fields) f.typeRef = refineWithManifest(nestedType(f), findByName(props, f.name));
  for (const p of params) {
    if (p.origin !== 'methods') continue;
    const field = findByName(fields, p.name);
    const t = field?.typeRef;
    p.typeRef = t && (t.kind === 'string' || t.kind === 'integer' || t.kind === 'number' || t.kind === 'boolean') ? t : unknownType();
  }
}
