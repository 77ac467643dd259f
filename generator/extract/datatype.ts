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

/**
 * Splits trailing facts off a plain-text description. The description itself is kept whole: the
 * facts are copied out, not cut, so nothing the doc said is lost. The facts may come in several
 * groups at the end (`(A, B, C) (example: x)`), read last to first; the first value of a fact wins.
 */
export function describe(text: string): DescriptionFacts {
  const out: DescriptionFacts = { description: text };
  for (const group of trailingGroups(text)) {
    if (/^(default|example|pattern):/.test(group)) {
      const keys = [...group.matchAll(FACT_KEYS)];
      keys.forEach((k, idx) => {
        const start = (k.index ?? 0) + k[0].length;
        const end = idx + 1 < keys.length ? keys[idx + 1].index ?? group.length : group.length;
        const value = group.slice(start, end).trim();
        const key = k[1] as 'default' | 'example' | 'pattern';
        if (value !== '' && out[key] === undefined) out[key] = value;
      });
    } else if (out.enum === undefined && /^[A-Za-z0-9_.:\-/]+(\s*,\s*[A-Za-z0-9_.:\-/]+)+$/.test(group)) {
      // An enum list: at least two bare tokens; prose in brackets ("(for example, x)") has spaces.
      out.enum = group.split(',').map((v) => v.trim());
    } else break;
  }
  return out;
}

/** The contents of the parenthesised groups that end the text, last first, honouring nested brackets. */
function trailingGroups(text: string): string[] {
  const groups: string[] = [];
  let t = text.trimEnd();
  while (t.endsWith(')')) {
    let depth = 0;
    let open = -1;
    for (let i = t.length - 1; i >= 0; i--) {
      if (t[i] === ')') depth++;
      else if (t[i] === '(') {
        depth--;
        if (depth === 0) {
          open = i;
          break;
        }
      }
    }
    if (open < 0) break;
    groups.push(t.slice(open + 1, -1).trim());
    t = t.slice(0, open).trimEnd();
  }
  return groups;
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
