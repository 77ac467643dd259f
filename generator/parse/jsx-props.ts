/**
 * A component's props as data: `<SchemaTable fields={[{ "name": "a", "children": [...] }]} />`.
 *
 * The tag is split into attributes by a linear scan (quotes, template literals, comments and
 * nested braces honoured), and each `{...}` expression is parsed by acorn and turned into plain
 * values: objects, arrays, strings, numbers, booleans, null, template literals without `${}`.
 * Nothing is evaluated: an expression that is not data (a call, an identifier, a spread) is kept
 * as its source text with the reason. micromark's MDX JSX with acorn does the same job but took
 * 3.2 s on one 62 KB awscc tag (acorn alone: 3 ms), so it reads only the small Tabs/TabItem tags
 * (jsx-tag.ts).
 */
import { parseExpressionAt, type Expression, type Node as EsNode, type Property, type SpreadElement } from 'acorn';

/** A prop value read as data. */
export type JsxData = string | number | boolean | null | JsxData[] | { [key: string]: JsxData };

export type JsxProp =
  | { kind: 'string'; value: string; line: number }
  | { kind: 'data'; value: JsxData; line: number; lines: LineMap }
  /** An expression that is not plain data (or does not parse): its source and why. */
  | { kind: 'expression'; source: string; reason: string; line: number }
  | { kind: 'flag'; line: number };

/** The page line where each object or array of a data prop starts. */
export type LineMap = Map<object, number>;

export interface JsxComponent {
  name: string;
  props: Map<string, JsxProp>;
}

/** Above this depth a value is not read as data (a hostile `[[[[...` must not exhaust the stack). */
const MAX_DEPTH = 64;

/**
 * Reads the opening tag `text` (as the page splitter cut it) whose first line is page line
 * `firstLine`. Never throws: what cannot be read is an `expression` prop with a reason.
 */
export function readComponent(text: string, firstLine: number): JsxComponent {
  const name = /^<([A-Za-z][\w.]*)/.exec(text)?.[1] ?? '';
  const props = new Map<string, JsxProp>();
  const lineAt = lineCounter(text, firstLine);
  let k = name.length + 1;
  while (k < text.length) {
    while (k < text.length && /\s/.test(text[k])) k++;
    if (text[k] === '>' || text.startsWith('/>', k) || k >= text.length) break;
    if (text[k] === '{') {
      // `{...props}`: a spread, never data.
      const close = matchingBrace(text, k);
      props.set('...', { kind: 'expression', source: text.slice(k + 1, close === -1 ? text.length : close), reason: 'a spread of props is not data', line: lineAt(k) });
      k = close === -1 ? text.length : close + 1;
      continue;
    }
    const attr = /^[A-Za-z_:$][\w:.$-]*/.exec(text.slice(k, k + 200))?.[0];
    if (!attr) {
      // Not an attribute name: skip one character and look again, so the scan stays linear.
      k++;
      continue;
    }
    const at = k;
    k += attr.length;
    while (k < text.length && /\s/.test(text[k])) k++;
    if (text[k] !== '=') {
      props.set(attr, { kind: 'flag', line: lineAt(at) });
      continue;
    }
    k++;
    while (k < text.length && /\s/.test(text[k])) k++;
    const c = text[k];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, k + 1);
      const end = close === -1 ? text.length : close;
      props.set(attr, { kind: 'string', value: text.slice(k + 1, end), line: lineAt(k) });
      k = end + 1;
    } else if (c === '{') {
      const close = matchingBrace(text, k);
      const source = text.slice(k + 1, close === -1 ? text.length : close);
      props.set(attr, close === -1 ? { kind: 'expression', source, reason: 'the expression is never closed with }', line: lineAt(k) } : readExpression(source, lineAt(k + 1)));
      k = close === -1 ? text.length : close + 1;
    } else {
      props.set(attr, { kind: 'expression', source: '', reason: `an attribute value starts with '${c ?? ''}'`, line: lineAt(k) });
      k++;
    }
  }
  return { name, props };
}

/** The index of the `}` closing the `{` at `open`, or -1. Strings, templates and comments are skipped. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const c = text[k];
    if (c === '"' || c === "'" || c === '`') {
      k = skipString(text, k);
      if (k === -1) return -1;
    } else if (c === '/' && text[k + 1] === '/') {
      const nl = text.indexOf('\n', k);
      if (nl === -1) return -1;
      k = nl;
    } else if (c === '/' && text[k + 1] === '*') {
      const end = text.indexOf('*/', k + 2);
      if (end === -1) return -1;
      k = end + 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k;
  }
  return -1;
}

/** The index of the quote closing the string that opens at `at`, or -1. */
function skipString(text: string, at: number): number {
  const q = text[at];
  for (let k = at + 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === q) return k;
  }
  return -1;
}

function readExpression(source: string, firstLine: number): JsxProp {
  let node: Expression;
  try {
    node = parseExpressionAt(source, 0, { ecmaVersion: 'latest', locations: true });
  } catch (e) {
    const err = e as Error & { loc?: { line: number } };
    return { kind: 'expression', source, reason: `it does not parse: ${err.message.replace(/\s*\(\d+:\d+\)$/, '')}`, line: firstLine + (err.loc?.line ?? 1) - 1 };
  }
  const rest = source.slice(node.end).trim();
  if (rest !== '') return { kind: 'expression', source, reason: `text after the expression: ${rest.slice(0, 40)}`, line: firstLine };
  const lines: LineMap = new Map();
  try {
    return { kind: 'data', value: toData(node, lines, firstLine, 0), line: firstLine, lines };
  } catch (e) {
    if (!(e instanceof NotData)) throw e;
    return { kind: 'expression', source, reason: e.message, line: firstLine + e.line - 1 };
  }
}

class NotData extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function toData(node: EsNode, lines: LineMap, firstLine: number, depth: number): JsxData {
  const line = node.loc?.start.line ?? 1;
  const fail = (what: string): never => {
    throw new NotData(`${what} is not plain data`, line);
  };
  if (depth > MAX_DEPTH) fail(`a value nested deeper than ${MAX_DEPTH}`);
  const n = node as Expression;
  switch (n.type) {
    case 'Literal':
      if (typeof n.value === 'string' || typeof n.value === 'number' || typeof n.value === 'boolean' || n.value === null) return n.value;
      return fail('a regular expression or bigint');
    case 'TemplateLiteral':
      if (n.expressions.length > 0) fail('a template literal with ${...}');
      return n.quasis.map((q) => q.value.cooked ?? q.value.raw).join('');
    case 'UnaryExpression':
      if ((n.operator === '-' || n.operator === '+') && n.argument.type === 'Literal' && typeof n.argument.value === 'number') {
        return n.operator === '-' ? -n.argument.value : n.argument.value;
      }
      return fail(`the operator ${n.operator}`);
    case 'ArrayExpression': {
      const out: JsxData[] = [];
      for (const el of n.elements) {
        if (el === null) fail('a hole in an array');
        else if (el.type === 'SpreadElement') fail('a spread (...)');
        else out.push(toData(el, lines, firstLine, depth + 1));
      }
      lines.set(out, firstLine + line - 1);
      return out;
    }
    case 'ObjectExpression': {
      const out: { [key: string]: JsxData } = {};
      for (const p of n.properties as Array<Property | SpreadElement>) {
        if (p.type === 'SpreadElement') return fail('a spread (...)');
        if (p.computed || p.kind !== 'init' || p.method) fail('a computed key, getter or method');
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : fail('a key');
        // Defined, not assigned: a key such as "__proto__" is data like any other.
        Object.defineProperty(out, key, { value: toData(p.value, lines, firstLine, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      lines.set(out, firstLine + line - 1);
      return out;
    }
    case 'Identifier':
      if (n.name === 'undefined') return null;
      return fail(`the name '${n.name}'`);
    default:
      return fail(`a ${n.type}`);
  }
}

/** Offset in `text` → page line, for offsets visited in increasing order (linear overall). */
function lineCounter(text: string, firstLine: number): (offset: number) => number {
  let at = 0;
  let line = firstLine;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = firstLine;
    }
    for (; at < offset && at < text.length; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}
