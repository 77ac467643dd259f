/**
 * The middleware's `params`: `{"query": "... WHERE id = '$id'", "params": {"id": "inv-1"}}`.
 *
 * The real middleware does a plain text replace of `$name` over the whole query, with no
 * escaping: a value containing `'` ends the string early and can rewrite the statement, and a
 * `$name` outside quotes (or in a comment, or an identifier) is replaced too. The mock does it at
 * the token level instead: the query is parsed first, and `$name` is replaced only inside the values
 * of string literals (the whole literal `'$id'`, or a part such as `'projects/$p/x'`). A value is
 * therefore always data: it cannot change the statement's structure, and `'` in a value is just a
 * character. `$name` must be followed by a non-word character (`$id` does not match inside `$idx`).
 * Names without a value in `params` are left as they are.
 */
import type { Statement } from '../../core/sql/index.js';
import { tokenize } from '../../core/sql/index.js';

function pattern(params: Readonly<Record<string, string>>): RegExp | undefined {
  const names = Object.keys(params).filter((n) => n !== '').sort((a, b) => b.length - a.length);
  if (names.length === 0) return undefined;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`\\$(${escaped.join('|')})(?![A-Za-z0-9_])`, 'g');
}

function replaceIn(text: string, re: RegExp, params: Readonly<Record<string, string>>): string {
  if (!text.includes('$')) return text;
  return text.replace(re, (all: string, name: string) => params[name] ?? all);
}

type Path = (string | number)[];

/**
 * Where a statement's string literals containing `$` are, found once per parsed statement (the
 * executor caches statements by text, so repeated queries pay this once).
 */
const dollarPaths = new WeakMap<object, Path[]>();

function pathsOf(statement: Statement): Path[] {
  let paths = dollarPaths.get(statement);
  if (paths !== undefined) return paths;
  const found: Path[] = [];
  const walk = (node: unknown, path: Path) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, [...path, i]));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    if (obj['type'] === 'string' && typeof obj['value'] === 'string' && Object.keys(obj).length === 2) {
      if (obj['value'].includes('$')) found.push(path);
      return;
    }
    for (const [k, v] of Object.entries(obj)) walk(v, [...path, k]);
  };
  walk(statement, []);
  paths = found;
  dollarPaths.set(statement, paths);
  return paths;
}

/**
 * A copy of the statement with `$name` replaced inside every string literal; the original (which
 * the parse cache shares) is untouched: only the nodes on the way to a changed literal are copied.
 */
export function substituteParams<S extends Statement>(statement: S, params: Readonly<Record<string, string>>): S {
  const re = pattern(params);
  if (re === undefined) return statement;
  let copy: S = statement;
  const paths = pathsOf(statement);
  if (paths.length > 0) {
    copy = { ...statement };
    // Nodes copied for an earlier path: later paths through them write into the copy.
    const copied = new Set<unknown>([copy]);
    for (const path of paths) {
      let parent = copy as unknown as Record<string | number, unknown>;
      for (let i = 0; i < path.length - 1; i++) {
        const child = parent[path[i]!] as Record<string | number, unknown>;
        const cloned = (copied.has(child) ? child : Array.isArray(child) ? [...child] : { ...child }) as Record<string | number, unknown>;
        copied.add(cloned);
        parent[path[i]!] = cloned;
        parent = cloned;
      }
      const last = path[path.length - 1]!;
      const literal = parent[last] as { type: 'string'; value: string };
      parent[last] = { type: 'string', value: replaceIn(literal.value, re, params) };
    }
  }
  // SHOW ... LIKE '$pattern' keeps its pattern as a plain string, not a literal node.
  if (copy.kind === 'show' && copy.like !== undefined && copy.like.includes('$')) {
    copy = { ...copy, like: replaceIn(copy.like, re, params) };
  }
  return copy;
}

/** Whether the lexer reads backslash escapes in strings (then a `\` must be written `\\`). */
let backslashEscapes: boolean | undefined;
function lexerUsesBackslashEscapes(): boolean {
  if (backslashEscapes === undefined) {
    try {
      backslashEscapes = tokenize("'a\\\\b'", { templates: false })[0]?.value === 'a\\b';
    } catch {
      backslashEscapes = false;
    }
  }
  return backslashEscapes;
}

/**
 * The query as the substituted statement reads, for metadata.request.renderedQuery: each string
 * literal that changed is re-quoted (`'` doubled, and `\` doubled when the lexer reads backslash
 * escapes); everything else is the client's text.
 */
export function renderQuery(query: string, params: Readonly<Record<string, string>>): string {
  const re = pattern(params);
  if (re === undefined) return query;
  const spans = dollarStrings(query);
  if (spans.length === 0) return query;
  const backslash = lexerUsesBackslashEscapes();
  let out = '';
  let at = 0;
  for (const t of spans) {
    const value = replaceIn(t.value, re, params);
    if (value === t.value) continue;
    const body = (backslash ? value.replaceAll('\\', '\\\\') : value).replaceAll("'", "''");
    out += `${query.slice(at, t.start)}'${body}'`;
    at = t.end;
  }
  return out + query.slice(at);
}

interface Span {
  start: number;
  end: number;
  value: string;
}

const SPAN_CACHE_SIZE = 1000;
const spanCache = new Map<string, Span[]>();

/** The string tokens of a query that contain `$`, cached by query text. */
function dollarStrings(query: string): Span[] {
  let spans = spanCache.get(query);
  if (spans !== undefined) return spans;
  spans = [];
  try {
    for (const t of tokenize(query, { templates: false })) {
      if (t.kind === 'string' && t.value.includes('$')) spans.push({ start: t.pos.offset, end: t.end, value: t.value });
    }
  } catch {
    spans = [];
  }
  if (spanCache.size >= SPAN_CACHE_SIZE) spanCache.delete(spanCache.keys().next().value as string);
  spanCache.set(query, spans);
  return spans;
}
