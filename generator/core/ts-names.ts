/**
 * Names in emitted TypeScript: documented names can be anything (`$filter`, `If-Match`,
 * `@odata.type`, `2fa`, `delete`, `well-known`), so every one goes through here: as a property key
 * (quoted when it is not an identifier), as a binding (made into one), as a type name (PascalCase).
 */

// Reserved words and the strict-mode/contextual ones a binding cannot take.
const RESERVED = new Set(
  `break case catch class const continue debugger default delete do else enum export extends false
  finally for function if import in instanceof new null return super switch this throw true try typeof
  var void while with as implements interface let package private protected public static yield await
  any boolean number string symbol type from of undefined never unknown object arguments eval`.split(/\s+/),
);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A property key as written in an interface or object literal: bare when it can be, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : tsString(name);
}

/** A single-quoted TypeScript string literal. */
export function tsString(text: string): string {
  const json = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/**
 * A name usable as a property accessed with a dot and as part of a type name: characters other than
 * letters, digits, `_` and `$` become `_`, a leading digit gets a `_` in front. Reserved words are
 * fine as properties (`client.delete`) and stay. `__proto__` would set the prototype, so it does not.
 */
export function safeMemberName(name: string): string {
  let out = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (out === '' || /^[0-9]/.test(out)) out = `_${out}`;
  if (out === '__proto__') out = '__proto___';
  return out;
}

/** A name usable as a binding (import alias, const): like safeMemberName, and never reserved. */
export function safeBindingName(name: string): string {
  const out = safeMemberName(name);
  return RESERVED.has(out) ? `${out}_` : out;
}

/** `list_by_resource_group` → `ListByResourceGroup`; `$filter` → `Filter`; `2fa` → `_2fa`. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const out = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  if (out === '') return '_';
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** Hands out names unique within one scope: the second `get` becomes `get_2`, and so on. */
export class NameAllocator {
  private readonly used = new Set<string>();
  private readonly lower: boolean;

  constructor(reserved: Iterable<string> = [], options: { caseInsensitive?: boolean } = {}) {
    this.lower = options.caseInsensitive ?? false;
    for (const name of reserved) this.used.add(this.key(name));
  }

  private key(name: string): string {
    return this.lower ? name.toLowerCase() : name;
  }

  has(name: string): boolean {
    return this.used.has(this.key(name));
  }

  /** `name` if free, else `name` + separator + 2, 3, … */
  take(name: string, separator = '_'): string {
    let candidate = name;
    for (let n = 2; this.used.has(this.key(candidate)); n++) candidate = `${name}${separator}${n}`;
    this.used.add(this.key(candidate));
    return candidate;
  }
}

/**
 * Text for a JSDoc comment: one paragraph, `*\/` defused, cut at a sentence or word boundary when
 * longer than `max` characters.
 */
export function docText(text: string | undefined, max = 240): string {
  if (!text) return '';
  let out = text.replace(/\s+/g, ' ').trim();
  if (out.length > max) {
    const cut = out.slice(0, max);
    const sentence = cut.search(/[.!?] [^.!?]*$/);
    out = sentence > max / 2 ? cut.slice(0, sentence + 1) : `${cut.replace(/\s+\S*$/, '')}…`;
  }
  return out.replace(/\*\//g, '*\\/');
}

/**
 * A JSDoc comment for `text` (already through docText) at this indentation, each line ending in
 * `\n`: one line when it fits in `width` columns, else wrapped at word boundaries.
 */
export function jsdoc(text: string, indent: string, width = 100): string {
  if (!text) return '';
  if (indent.length + text.length + 7 <= width) return `${indent}/** ${text} */\n`;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + 3 + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}\n`).join('')}${indent} */\n`;
}
