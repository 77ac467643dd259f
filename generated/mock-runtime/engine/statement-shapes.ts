/**
 * Statement shapes: the parse cache's second key. Clients send the same statement again and again
 * with different string values (an INSERT per new row, a SELECT per key); keyed by exact text, each
 * of those is a miss and a full parse. Here a statement's *shape* is its text with every string
 * literal emptied (`... WHERE id = ''`), and a shape seen twice gets a template: the tree parsed
 * with a unique marker in each string, plus where each marker landed. A later statement of the same
 * shape is answered by copying the template and writing its own strings in: no lexing, no parsing.
 *
 * Why that is exact: two statements of one shape differ only inside string literals. The lexer
 * reads a string to its end by one rule (mirrored in `scanStrings`), so both give the same tokens
 * but for the strings' values, and the parser puts a string's value, unchanged, into a
 * `{type: 'string', value}` node. A template is kept only when that is checked to hold: every
 * marker is found as such a node's whole value and nowhere else (not in a select column's text, an
 * alias, a LIKE pattern), the scan's spans are the lexer's string tokens, and the template filled
 * with the statement's own strings equals the statement's real parse, node for node. Otherwise the
 * shape is remembered as not templatable and its statements are parsed as before. Statements that
 * fail to parse are never templated (they keep their exact-text cache entry and their error).
 *
 * Predicates carry positions, which move when an earlier string is longer or spans lines: they are
 * recomputed from the statement's own text.
 */
import type { Pos, Statement } from '../../core/sql/index.js';
import { tokenize } from '../../core/sql/index.js';
import { unescapeCharacter } from '../../core/sql/lexer.js';

export interface Shape {
  /** The text with each string literal emptied to `''`. */
  key: string;
  /** Each string literal: [start, end) offsets, quotes included, and its value (escapes undone). */
  spans: StringSpan[];
}

export interface StringSpan {
  start: number;
  end: number;
  value: string;
}

type Path = (string | number)[];

export interface Template {
  tree: Statement;
  /** For each string literal, in text order, the paths of the nodes holding its value. */
  literals: Path[][];
  /** Paths of every `pos` object, and the offset in the marked text it held. */
  positions: { path: Path; offset: number }[];
  /** Spans of the marked text the template was parsed from. */
  markedSpans: { start: number; end: number }[];
}

/** Remembered for a shape whose statements cannot be templated (see the module comment). */
export const NOT_TEMPLATABLE = Symbol('not templatable');

const MARK = '\u0001';

/**
 * The string literals of a statement as the lexer reads them, skipping comments, hints and quoted
 * identifiers; undefined when there are none, when a string does not end (the parser will say so),
 * or when the text holds the marker character.
 */
export function shapeOf(sql: string): Shape | undefined {
  if (sql.indexOf("'") < 0 || sql.includes(MARK)) return undefined;
  const spans: StringSpan[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 39 /* ' */) {
      const span = readString(sql, i);
      if (span === undefined) return undefined;
      spans.push(span);
      i = span.end;
    } else if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (c === 34 /* " */ || c === 96 /* ` */) {
      const quote = c === 34 ? '"' : '`';
      let j = i + 1;
      for (;;) {
        const close = sql.indexOf(quote, j);
        if (close < 0) return undefined;
        if (sql[close + 1] === quote) j = close + 2;
        else {
          i = close + 1;
          break;
        }
      }
    } else i++;
  }
  if (spans.length === 0) return undefined;
  let key = '';
  let at = 0;
  for (const s of spans) {
    key += `${sql.slice(at, s.start)}''`;
    at = s.end;
  }
  return { key: key + sql.slice(at), spans };
}

/**
 * A shape's text around its strings: `pieces[i]` is what comes before string i (and the last
 * piece what follows the last string). Kept beside a template so that a statement of a shape seen
 * lately is recognised without building its key (see matchShape).
 */
export function piecesOf(sql: string, shape: Shape): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const s of shape.spans) {
    pieces.push(sql.slice(at, s.start));
    at = s.end;
  }
  pieces.push(sql.slice(at));
  return pieces;
}

/**
 * The spans of `sql` when its shape is the one `pieces` (piecesOf) came from, else undefined:
 * what shapeOf would give, found by comparing the text in place (no key string is made). Exact:
 * each piece is text shapeOf scanned as outside any string, starting where a string ended, so the
 * same text is scanned the same way, and each string is read to its end by shapeOf's own rule.
 */
export function matchShape(sql: string, pieces: readonly string[]): StringSpan[] | undefined {
  // A marker anywhere would pass for a template's own: shapeOf refuses such text, so this does.
  if (sql.includes(MARK)) return undefined;
  const spans: StringSpan[] = [];
  let at = 0;
  const last = pieces.length - 1;
  for (let i = 0; i < last; i++) {
    const piece = pieces[i]!;
    if (!sql.startsWith(piece, at)) return undefined;
    at += piece.length;
    if (sql.charCodeAt(at) !== 39 /* ' */) return undefined;
    const span = readString(sql, at);
    if (span === undefined) return undefined;
    spans.push(span);
    at = span.end;
  }
  const tail = pieces[last]!;
  return at + tail.length === sql.length && sql.startsWith(tail, at) ? spans : undefined;
}

/** The lexer's rule (lexer.ts readString): `''` is a quote, a backslash escapes the next character. */
function readString(sql: string, start: number): StringSpan | undefined {
  let value = '';
  let i = start + 1;
  for (;;) {
    let stop = i;
    while (stop < sql.length && sql[stop] !== "'" && sql[stop] !== '\\') stop++;
    if (stop >= sql.length || (sql[stop] === '\\' && stop + 1 >= sql.length)) return undefined;
    value += sql.slice(i, stop);
    if (sql[stop] === '\\') {
      value += unescapeCharacter(sql.charAt(stop + 1));
      i = stop + 2;
    } else if (sql[stop + 1] === "'") {
      value += "'";
      i = stop + 2;
    } else return { start, end: stop + 1, value };
  }
}

/**
 * The template for a statement's shape, from its real parse; NOT_TEMPLATABLE when any check of
 * the module comment fails. `parse` is the executor's parser (it must throw on a syntax error).
 */
export function buildTemplate(sql: string, shape: Shape, parsed: Statement, parse: (text: string) => Statement): Template | typeof NOT_TEMPLATABLE {
  try {
    // The scan must find exactly the lexer's strings, with the same values.
    const tokens = tokenize(sql, { templates: false }).filter((t) => t.kind === 'string');
    if (tokens.length !== shape.spans.length) return NOT_TEMPLATABLE;
    for (const [i, t] of tokens.entries()) {
      const s = shape.spans[i];
      if (!s || t.pos.offset !== s.start || t.end !== s.end || t.value !== s.value) return NOT_TEMPLATABLE;
    }
    let marked = '';
    let at = 0;
    const markedSpans: { start: number; end: number }[] = [];
    shape.spans.forEach((s, i) => {
      marked += sql.slice(at, s.start);
      const start = marked.length;
      marked += `'${MARK}${i}${MARK}'`;
      markedSpans.push({ start, end: marked.length });
      at = s.end;
    });
    marked += sql.slice(at);
    const tree = parse(marked);
    const literals: Path[][] = shape.spans.map(() => []);
    const positions: Template['positions'] = [];
    let leaked = false;
    const walk = (node: unknown, path: Path): void => {
      if (typeof node === 'string') {
        if (node.includes(MARK)) leaked = true;
        return;
      }
      if (Array.isArray(node)) {
        node.forEach((child, i) => walk(child, [...path, i]));
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      const obj = node as Record<string, unknown>;
      const value = obj['value'];
      if (obj['type'] === 'string' && typeof value === 'string' && Object.keys(obj).length === 2) {
        const m = /^\u0001(\d+)\u0001$/.exec(value);
        const list = m ? literals[Number(m[1])] : undefined;
        if (list) {
          list.push(path);
          return;
        }
      }
      for (const [k, v] of Object.entries(obj)) {
        if (k === 'pos' && isPos(v)) positions.push({ path: [...path, k], offset: v.offset });
        else walk(v, [...path, k]);
      }
    };
    walk(tree, []);
    if (leaked) return NOT_TEMPLATABLE;
    const template: Template = { tree, literals, positions, markedSpans };
    // The proof for this statement: filled with its own strings, the template is its parse.
    if (JSON.stringify(instantiate(template, sql, shape)) !== JSON.stringify(parsed)) return NOT_TEMPLATABLE;
    return template;
  } catch {
    return NOT_TEMPLATABLE;
  }
}

function isPos(v: unknown): v is Pos {
  return typeof v === 'object' && v !== null && typeof (v as Pos).offset === 'number' && typeof (v as Pos).line === 'number';
}

/**
 * The statement of `sql` (whose shape is the template's): the template with its strings written
 * in and its positions moved; only the nodes on the way to a change are copied, the template is
 * untouched.
 */
export function instantiate(template: Template, sql: string, shape: Shape): Statement {
  const root = { ...template.tree } as unknown as Record<string | number, unknown>;
  // The nodes copied so far (a handful: an array beats a Set's hashing here).
  const copied: unknown[] = [root];
  shape.spans.forEach((span, i) => {
    const node = { type: 'string', value: span.value };
    for (const path of template.literals[i] ?? []) setAt(root, copied, path, node);
  });
  // A position up to the first string is the template's own (the text before it is the same).
  const first = template.markedSpans[0]?.start ?? Infinity;
  for (const { path, offset } of template.positions) {
    if (offset > first) setAt(root, copied, path, positionIn(sql, realOffset(offset, template.markedSpans, shape.spans)));
  }
  return root as unknown as Statement;
}

/** Writes `value` at `path` under `root`, copying each node on the way that is not in `copied` yet. */
function setAt(root: Record<string | number, unknown>, copied: unknown[], path: Path, value: unknown): void {
  let parent = root;
  let key: string | number | undefined;
  for (const step of path) {
    if (key !== undefined) {
      const child = parent[key] as Record<string | number, unknown>;
      let next = child;
      if (!copied.includes(child)) {
        next = (Array.isArray(child) ? [...child] : { ...child }) as Record<string | number, unknown>;
        copied.push(next);
        parent[key] = next;
      }
      parent = next;
    }
    key = step;
  }
  if (key !== undefined) parent[key] = value;
}

/** A position in the marked text, moved to the statement's text (never inside a string). */
function realOffset(offset: number, marked: { start: number; end: number }[], real: StringSpan[]): number {
  let shift = 0;
  for (let i = 0; i < marked.length; i++) {
    const m = marked[i];
    const r = real[i];
    if (!m || !r || m.start >= offset) break;
    shift += r.end - r.start - (m.end - m.start);
  }
  return offset + shift;
}

/** As the lexer counts: lines split at \n, columns 1-based from the line's start. */
function positionIn(sql: string, offset: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = sql.indexOf('\n'); i >= 0 && i < offset; i = sql.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}
