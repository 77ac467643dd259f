/**
 * The Datatype cell grammar (`base` or `base (format)`) and the facts the docs append to
 * descriptions: a trailing enum list `(A, B, C)`, `(default: x)`, `(example: x)`,
 * `(pattern: ...)`, or several of those in one group.
 */

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
