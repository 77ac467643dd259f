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

/**
 * Splits trailing facts off a plain-text description. The description itself is kept whole: the
 * facts are copied out, not cut, so nothing the doc said is lost.
 */
export function describe(text: string): DescriptionFacts {
  const out: DescriptionFacts = { description: text };
  const group = trailingGroup(text);
  if (!group) return out;
  if (/^(default|example|pattern):/.test(group)) {
    const keys = [...group.matchAll(FACT_KEYS)];
    keys.forEach((k, idx) => {
      const start = (k.index ?? 0) + k[0].length;
      const end = idx + 1 < keys.length ? keys[idx + 1].index ?? group.length : group.length;
      const value = group.slice(start, end).trim();
      const key = k[1] as 'default' | 'example' | 'pattern';
      if (value !== '' && out[key] === undefined) out[key] = value;
    });
  } else if (/^[A-Za-z0-9_.:\-/]+(\s*,\s*[A-Za-z0-9_.:\-/]+)+$/.test(group)) {
    // An enum list: at least two bare tokens; prose in brackets ("(for example, x)") has spaces.
    out.enum = group.split(',').map((v) => v.trim());
  }
  return out;
}

/** The content of a parenthesised group that ends the text, honouring nested brackets. */
function trailingGroup(text: string): string | undefined {
  const t = text.trimEnd();
  if (!t.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    if (t[i] === ')') depth++;
    else if (t[i] === '(') {
      depth--;
      if (depth === 0) return t.slice(i + 1, -1).trim();
    }
  }
  return undefined;
}
