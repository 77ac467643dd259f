/**
 * The tolerant indentation reader: what the yaml package cannot read (broken indentation, plain
 * scalars holding `: `, stray lines) read by indentation into the same generic tree, every line it
 * cannot place a `manifest/line-skipped` warning. Kept only for the manifests `yaml` rejects; the
 * numbers are in bench/RESULTS.md (manifests).
 */
import { parseDocument } from 'yaml';
import type { PageDiagnostic } from '../../parse/diagnostics.ts';
import { fromYaml } from './yaml-reader.ts';
import { emptyScalar, indentOf, truncate, type YMap, type YNode, type YPair, type YScalar, type YSeq } from './tree.ts';

interface Frame {
  node: YMap | YSeq;
  indent: number;
}
interface Pending {
  /** indent of the key (or dash) whose value is still to come */
  indent: number;
  isKey: boolean;
  set: (v: YNode) => void;
}
interface Block {
  parentIndent: number;
  style: '|' | '>';
  keep: boolean;
  start: number;
  lines: string[];
  set: (v: YNode) => void;
  line: number;
}

export function readByIndentation(lines: string[], firstLine: number, diagnostics: PageDiagnostic[]): YNode | null {
  let root: YNode | null = null;
  let rootIndent = 0;
  const stack: Frame[] = [];
  let pending: Pending | null = null;
  let block: Block | null = null;
  /** the last plain scalar placed, which indented plain lines continue */
  let lastPlain: { node: YScalar; ownerIndent: number } | null = null;

  const skip = (i: number, why: string) => {
    diagnostics.push({
      severity: 'warning',
      code: 'manifest/line-skipped',
      message: `${why}: ${truncate(lines[i].trim(), 80)}`,
      line: firstLine + i,
    });
  };

  const finishBlock = () => {
    if (!block) return;
    const b = block;
    block = null;
    b.set({ kind: 'scalar', line: b.line, value: blockText(b) });
  };

  /** An inline value (after `key: ` or `- `) that is not a collection start. */
  const scalarValue = (text: string, i: number, ownerIndent: number, set: (v: YNode) => void) => {
    const bm = /^([|>])([-+0-9]*)[ \t]*(?:#.*)?$/.exec(text);
    if (bm) {
      block = {
        parentIndent: ownerIndent,
        style: bm[1] as '|' | '>',
        keep: bm[2].includes('+'),
        start: i + 1,
        lines: [],
        set,
        line: i,
      };
      lastPlain = null;
      return;
    }
    const v = inlineValue(text, i);
    set(v.node);
    lastPlain = v.plain && v.node.kind === 'scalar' ? { node: v.node, ownerIndent } : null;
  };

  const addPair = (map: YMap, indent: number, text: string, i: number) => {
    const kv = splitKey(text)!;
    const pair: YPair = { key: kv.key, line: i, value: emptyScalar(i) };
    map.pairs.push(pair);
    lastPlain = null;
    const rest = stripComment(kv.rest);
    if (rest === '') {
      pending = { indent, isKey: true, set: (v) => { pair.value = v; } };
      return;
    }
    scalarValue(rest, i, indent, (v) => { pair.value = v; });
  };

  const addItem = (seq: YSeq, indent: number, text: string, i: number) => {
    const after = text.slice(1);
    const rest = after.trimStart();
    const col = indent + 1 + (after.length - rest.length);
    const idx = seq.items.length;
    seq.items.push(emptyScalar(i));
    lastPlain = null;
    const set = (v: YNode) => { seq.items[idx] = v; };
    if (stripComment(rest) === '') {
      pending = { indent, isKey: false, set };
      return;
    }
    startValue(col, rest, i, set, indent);
  };

  /** A value that starts inline at column `col`: a nested sequence, a mapping, or a scalar. */
  const startValue = (col: number, text: string, i: number, set: (v: YNode) => void, ownerIndent: number) => {
    if (isDash(text)) {
      const seq: YSeq = { kind: 'seq', line: i, items: [] };
      set(seq);
      stack.push({ node: seq, indent: col });
      addItem(seq, col, text, i);
    } else if (splitKey(text)) {
      const map: YMap = { kind: 'map', line: i, pairs: [] };
      set(map);
      stack.push({ node: map, indent: col });
      addPair(map, col, text, i);
    } else {
      scalarValue(stripComment(text), i, ownerIndent, set);
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let indent = indentOf(line);
    if (block) {
      const b: Block = block;
      if (indent < 0 || indent > b.parentIndent) {
        b.lines.push(line);
        continue;
      }
      finishBlock();
    }
    if (indent < 0) continue;
    const text = line.slice(indent).trimEnd();
    if (text.startsWith('#')) continue;
    if (text === '---' || text === '...' || text.startsWith('--- ') || text.startsWith('%')) {
      skip(i, 'document marker or directive not read');
      continue;
    }

    // The first content line decides what the root is.
    if (root === null) {
      rootIndent = indent;
      if (isDash(text)) {
        const seq: YSeq = { kind: 'seq', line: i, items: [] };
        root = seq;
        stack.push({ node: seq, indent });
        addItem(seq, indent, text, i);
      } else if (splitKey(text)) {
        const map: YMap = { kind: 'map', line: i, pairs: [] };
        root = map;
        stack.push({ node: map, indent });
        addPair(map, indent, text, i);
      } else {
        const v = inlineValue(stripComment(text), i);
        root = v.node;
        if (v.node.kind !== 'scalar') stack.push({ node: v.node, indent });
        else if (v.plain) lastPlain = { node: v.node, ownerIndent: -1 };
      }
      continue;
    }
    if (indent < rootIndent) indent = rootIndent; // left of the root: read as root level

    // A value announced by `key:` or `-` on an earlier line.
    const p = pending as Pending | null;
    if (p) {
      pending = null;
      const dash = isDash(text);
      if (indent > p.indent || (indent === p.indent && dash && p.isKey)) {
        if (dash) {
          const seq: YSeq = { kind: 'seq', line: i, items: [] };
          p.set(seq);
          stack.push({ node: seq, indent });
          addItem(seq, indent, text, i);
        } else if (splitKey(text)) {
          const map: YMap = { kind: 'map', line: i, pairs: [] };
          p.set(map);
          stack.push({ node: map, indent });
          addPair(map, indent, text, i);
        } else {
          scalarValue(stripComment(text), i, p.indent, p.set);
        }
        continue;
      }
    }

    while (stack.length > 1 && stack[stack.length - 1].indent > indent) stack.pop();
    if (root.kind === 'scalar' || stack.length === 0) {
      // A root scalar continued over several lines.
      const lp = lastPlain as { node: YScalar; ownerIndent: number } | null;
      if (lp) lp.node.value = `${lp.node.value ?? ''} ${text}`.trim();
      else skip(i, 'line after a scalar manifest');
      continue;
    }
    const dash = isDash(text);
    if (!dash && stack.length > 1) {
      const top = stack[stack.length - 1];
      if (top.node.kind === 'seq' && top.indent === indent) stack.pop(); // `key:\n- a\nnext: b`
    }
    const top = stack[stack.length - 1];
    if (dash) {
      if (top.node.kind === 'seq' && (top.indent === indent || stack.length === 1)) {
        addItem(top.node, top.indent, text, i);
      } else if (top.node.kind === 'map' && indent > top.indent && lastPairEmpty(top.node)) {
        // `key:` + a comment line + a list: attach the list to the key
        const pair = top.node.pairs[top.node.pairs.length - 1];
        const seq: YSeq = { kind: 'seq', line: i, items: [] };
        pair.value = seq;
        stack.push({ node: seq, indent });
        addItem(seq, indent, text, i);
      } else {
        skip(i, 'list item where none can go');
      }
      continue;
    }
    if (splitKey(text)) {
      if (top.node.kind === 'map') {
        // Same indent: a sibling. Deeper (after a key that already has a value): broken
        // indentation, read as a sibling too.
        addPair(top.node, top.indent, text, i);
      } else {
        skip(i, 'mapping key inside a list without a list item');
      }
      continue;
    }
    const lp = lastPlain as { node: YScalar; ownerIndent: number } | null;
    if (lp && indent > lp.ownerIndent) {
      lp.node.value = `${lp.node.value ?? ''} ${stripComment(text)}`.trim();
      continue;
    }
    skip(i, 'text that is neither a key, a list item nor the continuation of a value');
  }
  finishBlock();
  return root;
}

function lastPairEmpty(map: YMap): boolean {
  const last = map.pairs[map.pairs.length - 1];
  return !!last && last.value.kind === 'scalar' && last.value.value === null;
}

function isDash(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ' || text[1] === '\t');
}

/** `key: rest` (or `key:`) → its parts; null when the text is not a mapping key. */
function splitKey(text: string): { key: string; rest: string } | null {
  const c = text[0];
  if (c === '"' || c === "'") {
    const end = quotedEnd(text, 0);
    if (end < 0) return null;
    let j = end + 1;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] !== ':' || !(j + 1 === text.length || text[j + 1] === ' ' || text[j + 1] === '\t')) return null;
    return { key: unquote(text.slice(0, end + 1)), rest: text.slice(j + 1).trim() };
  }
  if ('#[]{},&*!|>%@`'.includes(c) || isDash(text) || text.startsWith('{{')) return null;
  for (let j = 0; j < text.length; j++) {
    const ch = text[j];
    if (ch === '#' && j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\t')) return null;
    if (ch === ':' && (j + 1 === text.length || text[j + 1] === ' ' || text[j + 1] === '\t')) {
      const key = text.slice(0, j).trimEnd();
      if (key === '') return null;
      return { key, rest: text.slice(j + 1).trim() };
    }
  }
  return null;
}

/** Index of the closing quote of the quoted scalar opening at `start`, or -1. */
function quotedEnd(text: string, start: number): number {
  const q = text[start];
  for (let j = start + 1; j < text.length; j++) {
    if (q === '"' && text[j] === '\\') { j++; continue; }
    if (text[j] === q) {
      if (q === "'" && text[j + 1] === "'") { j++; continue; }
      return j;
    }
  }
  return -1;
}

function unquote(s: string): string {
  if (s[0] === "'") return s.slice(1, -1).replace(/''/g, "'");
  const body = s.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '0': return '\0';
      case 'u': case 'x': return e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e;
      default: return e;
    }
  });
}

/** Removes a trailing ` # comment` from an inline value (not inside quotes). */
function stripComment(text: string): string {
  const t = text.trim();
  if (t.startsWith('#')) return '';
  if (t[0] === '"' || t[0] === "'") {
    const end = quotedEnd(t, 0);
    if (end >= 0 && /^\s*(#.*)?$/.test(t.slice(end + 1))) return t.slice(0, end + 1);
    return t;
  }
  const m = /[ \t]#/.exec(t);
  return m ? t.slice(0, m.index).trimEnd() : t;
}

/** One inline value: quoted or plain scalar, or a flow collection (`[...]`, `{...}`). */
function inlineValue(text: string, i: number): { node: YNode; plain: boolean } {
  const t = text.trim();
  if (t === '') return { node: emptyScalar(i), plain: false };
  if ((t[0] === '"' || t[0] === "'") && quotedEnd(t, 0) === t.length - 1) {
    return { node: { kind: 'scalar', line: i, value: unquote(t) }, plain: false };
  }
  if ((t[0] === '[' && t.endsWith(']')) || (t[0] === '{' && t.endsWith('}') && !t.startsWith('{{'))) {
    const flow = readFlow(t, i);
    if (flow) return { node: flow, plain: false };
  }
  return { node: { kind: 'scalar', line: i, value: t }, plain: true };
}

function readFlow(t: string, i: number): YNode | null {
  const doc = parseDocument(t, { schema: 'failsafe', uniqueKeys: false });
  if (doc.errors.length > 0 || doc.contents == null) return null;
  return fromYaml(doc.contents, () => i, i);
}

function blockText(b: Block): string {
  const ls = b.lines;
  let end = ls.length;
  while (end > 0 && ls[end - 1].trim() === '') end--;
  let min = Infinity;
  for (let k = 0; k < end; k++) {
    const ind = indentOf(ls[k]);
    if (ind >= 0 && ind < min) min = ind;
  }
  const body = ls.slice(0, end).map((l) => (l.trim() === '' ? '' : l.slice(min)));
  if (b.style === '|') return body.join('\n');
  // folded: lines of one paragraph joined by spaces, empty lines become line breaks;
  // more-indented lines are kept as they are
  let out = '';
  for (let k = 0; k < body.length; k++) {
    const l = body[k];
    if (k === 0) { out = l; continue; }
    const prev = body[k - 1];
    if (l === '') out += '\n';
    else if (prev === '' || /^\s/.test(l) || /^\s/.test(prev)) out += (prev === '' ? '' : '\n') + l;
    else out += ` ${l}`;
  }
  return out;
}
