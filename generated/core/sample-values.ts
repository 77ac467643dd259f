/**
 * Typed sample values for the docs' templated examples: `fillPlaceholders(example, resource)` turns
 * `WHERE id = '{{ id }}'` into runnable SQL. Shared with the contract-test generator, so values are
 * stable and simple (no quotes or backslashes): strings `sample-<name>`, integers 10, booleans true,
 * timestamps 2024-01-01T00:00:00Z, objects and arrays from the manifest's shape when known.
 *
 * A placeholder's type is the type reference (types.ts) of, in order: the parameter, the field of
 * the same name (ignoring `data__`, case, `_` and `-`), the manifest property of that name; the
 * first that says more than unknown. Values follow it: an enum's first value, a format's text
 * form, objects with their properties, arrays with one item.
 * Placement decides the rendering: a bare `{{ x }}` becomes a SQL literal (number, boolean, quoted
 * string, quoted JSON); `'{{ x }}'` the value's text (JSON text for objects and arrays); inside a
 * JSON string (`"{{ x }}"`) the JSON-escaped text; elsewhere in JSON (`"size": {{ n }}`) a JSON
 * value; in any other text (`'projects/{{ p }}/x'`) the plain text.
 */
import type { Example, Resource } from './model.js';
import { exampleStatement } from './example-statement.js';
import { parseStatement, tokenize, type Statement, type Token } from './sql/index.js';
import { typeWordValues, type TypeWordValue } from './doc-defects.js';
import { manifestProps, normalizeName } from './names.js';
import { typeOfWord, type TypeRef } from './types.js';

const PLACEHOLDER = /\{\{(.*?)\}\}/gs;
const MAX_DEPTH = 3;

/** A sample value of a type; `name` names strings without a format. */
function sampleOf(type: TypeRef, name: string, depth: number): unknown {
  switch (type.kind) {
    case 'string':
      return type.enum ? type.enum[0] : stringSample(name, type.format);
    case 'integer':
      return type.enum ? type.enum[0] : 10;
    case 'number':
      return type.enum ? type.enum[0] : 1.5;
    case 'boolean':
      return true;
    case 'object':
      if (type.properties.length === 0 || depth >= MAX_DEPTH) return type.open ? { key: 'value' } : {};
      return Object.fromEntries(type.properties.map((p) => [p.name, sampleOf(p.type, p.name, depth + 1)]));
    case 'array':
      return [type.items.kind === 'unknown' || depth >= MAX_DEPTH ? 'sample' : sampleOf(type.items, name, depth + 1)];
    case 'unknown':
      return stringSample(name, undefined);
  }
}

function stringSample(name: string, format: string | undefined): string {
  switch (format) {
    case 'date-time':
    case 'google-datetime':
      return '2024-01-01T00:00:00Z';
    case 'date':
      return '2024-01-01';
    case 'int64':
    case 'uint64':
    case 'int32':
    case 'uint32':
      return '42';
    case 'double':
    case 'float':
      return '1.5';
    case 'email':
      return 'user@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/sample';
    case 'byte':
      return 'c2FtcGxl';
    case 'google-duration':
      return '60s';
    case 'google-fieldmask':
      return 'name';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
  }
  if (/email/i.test(name)) return 'user@example.com';
  const slug = name.replace(/^data__/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  return `sample-${slug || 'value'}`;
}

const isScalar = (t: TypeRef): boolean => t.kind === 'string' || t.kind === 'integer' || t.kind === 'number' || t.kind === 'boolean';

/** The sample value for a param or field name of a resource, typed; `otherwise` when the resource does not type it. */
export function sampleValue(name: string, resource: Resource, otherwise?: TypeRef): unknown {
  const bare = name.replace(/^data__/, '');
  const key = normalizeName(bare);
  const param = resource.params.find((p) => p.name === name) ?? resource.params.find((p) => p.name === bare);
  const field = resource.fields.find((f) => f.name === bare) ?? resource.fields.find((f) => normalizeName(f.name) === key);
  const node = manifestProps(resource.manifest).find((p) => normalizeName(p.name) === key);
  let type: TypeRef | undefined = [param?.typeRef, field?.typeRef, node?.typeRef].find((t) => t !== undefined && t.kind !== 'unknown');
  // A plain-string param whose field says more (an int64 key, an enum): the value lands in the field too.
  const said = field?.typeRef;
  if (type?.kind === 'string' && !type.format && !type.enum && !type.pattern && said && said !== type && isScalar(said) && (said.kind !== 'string' || said.format || said.enum || said.pattern)) type = said;
  type ??= otherwise;
  return type ? sampleOf(type, bare, 0) : stringSample(bare, undefined);
}

const textOf = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function sqlLiteral(v: unknown, esc: (text: string) => string): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `'${esc(textOf(v))}'`;
}

/** Whether the lexer reads backslash escapes in strings (then `\` must be doubled inside quotes). */
function backslashEscapes(): boolean {
  try {
    return tokenize("'a\\\\b'", { templates: false })[0]?.value === 'a\\b';
  } catch {
    return false;
  }
}

/**
 * Where the docs wrote a type word for a SET value (`goal = number`, doc-defects.ts typeWordValues):
 * offset in `sql` → the column and the word. The statement says which assignments; the tokens say
 * where: the word right after `column =` in the SET list, ending its item.
 */
function typeWordOffsets(tokens: readonly Token[], statement: Statement | undefined): Map<number, TypeWordValue> {
  const out = new Map<number, TypeWordValue>();
  const pending = typeWordValues(statement);
  if (pending.length === 0) return out;
  let inSet = false;
  for (let i = 0; i < tokens.length && pending.length > 0; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && (t.keyword === 'SET' || t.keyword === 'WHERE' || t.keyword === 'RETURNING')) inSet = t.keyword === 'SET';
    if (!inSet || t.kind !== 'word' || t.value !== pending[0]!.word || i < 2) continue;
    const [name, eq, next] = [tokens[i - 2]!, tokens[i - 1]!, tokens[i + 1]];
    const ends = next === undefined || next.kind === 'eof' || next.text === ',' || next.text === ';' || next.keyword === 'WHERE' || next.keyword === 'RETURNING';
    const column = pending[0]!.column;
    if (eq.text === '=' && ends && (name.kind === 'word' || name.kind === 'quoted') && (column === name.value || column.endsWith(`.${name.value}`))) out.set(t.pos.offset, pending.shift()!);
  }
  return out;
}

/** A templated statement as the docs' examples are read (docs mode), or undefined when it does not parse. */
function statementOf(sql: string): Statement | undefined {
  try {
    return parseStatement(sql, { onRepair: () => {} });
  } catch {
    return undefined;
  }
}

/** The example's SQL with every `{{ placeholder }}` (and type word standing for one) replaced by a typed sample value. */
export function fillPlaceholders(example: Example | string, resource: Resource): string {
  const sql = typeof example === 'string' ? example : example.sql;
  const tokens = tokenize(sql, { templates: true });
  const typeWords = typeWordOffsets(tokens, typeof example === 'string' ? statementOf(sql) : exampleStatement(example));
  const doubleBackslash = backslashEscapes();
  // Only the inserted text needs escaping: the rest of the string is the doc's, already quoted.
  const esc = (text: string) => (doubleBackslash ? text.replaceAll('\\', '\\\\') : text).replaceAll("'", "''");
  const name = (inner: string) => inner.split('|')[0]!.trim();
  let out = '';
  let at = 0;
  for (const t of tokens) {
    const typeWord = t.kind === 'word' ? typeWords.get(t.pos.offset) : undefined;
    if (typeWord !== undefined) {
      // The word is the docs' own type for the value: it types the sample when the page does not.
      out += sql.slice(at, t.pos.offset) + sqlLiteral(sampleValue(typeWord.column, resource, typeOfWord(typeWord.word)), esc);
      at = t.end;
    } else if (t.kind === 'placeholder') {
      out += sql.slice(at, t.pos.offset) + sqlLiteral(sampleValue(name(t.value), resource), esc);
      at = t.end;
    } else if (t.kind === 'string' && t.text.includes('{{')) {
      const body = t.text.slice(1, -1);
      const whole = /^\{\{(.*?)\}\}$/s.exec(body.trim());
      const json = /^\s*[[{]/.test(body);
      const filled = whole
        ? esc(textOf(sampleValue(name(whole[1]!), resource)))
        : body.replace(PLACEHOLDER, (match, inner: string, offset: number) => {
            const v = sampleValue(name(inner), resource);
            const quoted = body[offset - 1] === '"' && body[offset + match.length] === '"';
            if (quoted) return esc(JSON.stringify(textOf(v)).slice(1, -1));
            if (json) return esc(JSON.stringify(v));
            return esc(textOf(v));
          });
      out += sql.slice(at, t.pos.offset) + `'${filled}'`;
      at = t.end;
    }
  }
  return out + sql.slice(at);
}
