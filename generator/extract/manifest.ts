/**
 * YAML manifests (the "manifest" tab under INSERT examples) → a nested property tree.
 *
 * The manifests are templates first and YAML second: bare `{{ x }}` values make hundreds of them
 * invalid YAML, and a few have broken indentation or plain scalars holding `: `. So:
 *
 *   1. quote every bare `{{ ... }}` value (one that starts a value and is not already quoted),
 *      outside block scalars, without changing any line;
 *   2. parse with the `yaml` package (failsafe schema: every scalar stays a string, exactly as
 *      written, so `1.10` stays `1.10` and `true` stays `true`);
 *   3. when YAML still reports an error, read the original text again with a small tolerant
 *      indentation reader that builds the same generic tree, and say so in one
 *      `manifest/invalid-yaml-repaired` warning; a line that reader cannot place becomes a
 *      `manifest/line-skipped` warning.
 *
 * Both readers produce the same generic tree (`YNode`), which one converter turns into
 * `ManifestNode`s, so the two paths give identical output for the same content.
 *
 * Normal forms of the output (see `ManifestNode` in core/model.ts):
 * - `name`: the entry's `name:` (shape `- name: x` with `value`/`props`), or the mapping key
 *   (data mappings: the nested `value:` mappings of the microsite, the stack-file values, a
 *   manifest that is just a mapping), or `[i]` for the i-th item of a sequence (arrays).
 * - `value`: the scalar's text without its quotes and with YAML escapes decoded: `string`,
 *   `boolean`, `{{ email }}` (from `{{ email }}`, `"{{ email }}"` or `'{{ email }}'` alike: the
 *   bare/quoted distinction is not kept), `'us-east-1'` → `us-east-1`, `null` → `null`.
 *   An empty flow collection is kept as written: `[]`, `{}`. A key with nothing after it has
 *   no `value`. A non-empty mapping or sequence value becomes `props` (mapping keys as names,
 *   sequence items as `[0]`, `[1]`, ...; in entry position, `- name: x` items are named `x`).
 * - `description`: the text; block scalars (`|`, `>`) lose their trailing line breaks.
 * - `validValues`: the items of `valid_values` (flow `['A', 'B']` or block list) as strings;
 *   a scalar `valid_values` gives a one-item list.
 * - `default`: the scalar text.
 * - `props`: an entry's `props:` entries followed by the children of a non-scalar `value:`;
 *   `props: []` gives `props: []`.
 * - `line`: 1-based line in the page: for an entry, the line of its first key (the `- name:`
 *   line); for a mapping key, the key's line; for a sequence item, the item's first line.
 *
 * Stack files (a mapping with a `resources:` list and `version`, `providers` or `globals`) give the
 * `resources` entries as the nodes (each with its `props`); the stack-level keys are named in one
 * `manifest/stack-file` info.
 */
import {
  LineCounter,
  parseDocument,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Scalar,
} from 'yaml';
import type { ManifestTreeNode as ManifestNode } from '../core/model.ts';
import type { PageDiagnostic } from '../parse/diagnostics.ts';

export interface ManifestResult {
  nodes: ManifestNode[];
  diagnostics: PageDiagnostic[];
}

export interface ParseManifestOptions {
  /**
   * 'auto' (default): YAML first, the indentation reader when YAML fails. 'indentation': the
   * indentation reader only, without the repaired warning (for tests and comparisons).
   */
  reader?: 'auto' | 'indentation';
}

// ---------------------------------------------------------------------------------------------
// The generic tree both readers build. Lines are 0-based indexes into the manifest text.

interface YScalar {
  kind: 'scalar';
  line: number;
  /** null when nothing was written (`key:` with no value, `-` with no item). */
  value: string | null;
}
interface YPair {
  key: string;
  line: number;
  value: YNode;
}
interface YMap {
  kind: 'map';
  line: number;
  pairs: YPair[];
}
interface YSeq {
  kind: 'seq';
  line: number;
  items: YNode[];
}
type YNode = YScalar | YMap | YSeq;

const emptyScalar = (line: number): YScalar => ({ kind: 'scalar', line, value: null });

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Reads one manifest. `text` is the manifest itself (fence or template-literal content, already
 * unescaped by the page splitter), `firstLine` the 1-based page line of its first line.
 * Never throws.
 */
export function parseManifest(text: string, firstLine: number, options: ParseManifestOptions = {}): ManifestResult {
  const diagnostics: PageDiagnostic[] = [];
  try {
    const root =
      options.reader === 'indentation'
        ? readByIndentation(text.split(/\r\n|\r|\n/), firstLine, diagnostics)
        : readTree(text, firstLine, diagnostics);
    const nodes = root ? convertRoot(root, firstLine, diagnostics) : [];
    if (!root) {
      diagnostics.push({
        severity: 'info',
        code: 'manifest/empty',
        message: 'manifest has no content (only blank lines or comments)',
        line: firstLine,
      });
    }
    return { nodes, diagnostics };
  } catch (err) {
    // Not expected; kept so that one odd manifest never stops a whole run.
    diagnostics.push({
      severity: 'error',
      code: 'manifest/internal-error',
      message: `manifest reader failed: ${err instanceof Error ? err.message : String(err)}`,
      line: firstLine,
    });
    return { nodes: [], diagnostics };
  }
}

// ---------------------------------------------------------------------------------------------
// Step 1: quote bare templates, line by line, outside block scalars.

/** `key: ` or `- ` prefixes, then a value starting with `{{`. */
const BARE_TEMPLATE =
  /^(\s*(?:-[ \t]+)*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?)[ \t]*:[ \t]+)?)(\{\{.*)$/;
/** A line whose value is a block scalar indicator: `key: |`, `- >-`, ... */
const BLOCK_START = /(?:^|:[ \t]+|-[ \t]+)[|>][-+0-9]*[ \t]*(?:#.*)?$/;

interface Quoted {
  text: string;
  /** 0-based line indexes whose text was changed (their columns no longer match). */
  changed: Set<number>;
}

function quoteBareTemplates(lines: string[]): Quoted {
  const changed = new Set<number>();
  let out: string[] | null = null;
  let blockParent = -1; // indent a line must exceed to stay inside the current block scalar
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = indentOf(line);
    if (blockParent >= 0) {
      if (indent < 0 || indent > blockParent) continue;
      blockParent = -1;
    }
    if (indent < 0) continue;
    if (BLOCK_START.test(line) && !line.trimStart().startsWith('#')) {
      blockParent = blockParentColumn(line, indent);
      continue;
    }
    if (!line.includes('{{')) continue;
    const m = BARE_TEMPLATE.exec(line);
    // Only after `key: ` or `- `: a line that is just `{{ x }}` may continue a plain scalar.
    if (!m || m[1].trim() === '') continue;
    let value = m[2];
    let comment = '';
    const hash = value.lastIndexOf(' #');
    if (hash > value.lastIndexOf('}}')) {
      comment = value.slice(hash);
      value = value.slice(0, hash);
    }
    const trail = /\s*$/.exec(value)![0];
    value = value.slice(0, value.length - trail.length);
    out ??= lines.slice();
    out[i] = `${m[1]}'${value.replace(/'/g, "''")}'${trail}${comment}`;
    changed.add(i);
  }
  return { text: (out ?? lines).join('\n'), changed };
}

/**
 * The column a block scalar's lines must be indented beyond: the key's column on a line such
 * as `  - - key: |`, or the last dash's column on `  - |`.
 */
function blockParentColumn(line: string, indent: number): number {
  let col = indent;
  let dash = indent;
  while (line[col] === '-' && (line[col + 1] === ' ' || line[col + 1] === '\t')) {
    dash = col;
    col++;
    while (line[col] === ' ' || line[col] === '\t') col++;
  }
  return line[col] === '|' || line[col] === '>' ? dash : col;
}

/** Number of leading spaces/tabs, or -1 for a blank line. */
function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i === line.length ? -1 : i;
}

// ---------------------------------------------------------------------------------------------
// Step 2: the yaml package.

function readTree(text: string, firstLine: number, diagnostics: PageDiagnostic[]): YNode | null {
  const lines = text.split(/\r\n|\r|\n/);
  const quoted = quoteBareTemplates(lines);
  const lineCounter = new LineCounter();
  const doc = parseDocument(quoted.text, {
    schema: 'failsafe',
    uniqueKeys: false,
    lineCounter,
    prettyErrors: true,
  });
  if (doc.errors.length === 0) {
    if (doc.contents == null) return null;
    return fromYaml(doc.contents, (offset) => lineCounter.linePos(offset).line - 1, 0);
  }
  const err = doc.errors[0];
  const pos = err.linePos?.[0];
  const errLine = pos ? pos.line - 1 : 0;
  const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const diag: PageDiagnostic = {
    severity: 'warning',
    code: 'manifest/invalid-yaml-repaired',
    message: `${message}${doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more YAML errors)` : ''}; read by indentation instead`,
    line: firstLine + errLine,
  };
  if (pos && !quoted.changed.has(errLine)) diag.column = pos.col;
  diagnostics.push(diag);
  return readByIndentation(lines, firstLine, diagnostics);
}

function fromYaml(node: unknown, lineOf: (offset: number) => number, parentLine: number): YNode {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const line = range ? lineOf(range[0]) : parentLine;
  if (isMap(node)) {
    const pairs: YPair[] = [];
    for (const p of node.items) {
      const k = p.key as unknown;
      const kRange = (k as { range?: [number, number, number] } | null)?.range;
      const keyLine = kRange ? lineOf(kRange[0]) : line;
      let key: string;
      if (isScalar(k)) key = k.value == null ? '' : String(k.value);
      else if (k == null) key = '';
      else key = String(k); // complex keys: their YAML text
      pairs.push({ key, line: keyLine, value: fromYaml(p.value, lineOf, keyLine) });
    }
    return { kind: 'map', line, pairs };
  }
  if (isSeq(node)) {
    return { kind: 'seq', line, items: node.items.map((it) => fromYaml(it, lineOf, line)) };
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v == null) return emptyScalar(line);
    let s = String(v);
    if (node.type === Scalar.PLAIN && s === '') return emptyScalar(line);
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) s = s.replace(/\n+$/, '');
    return { kind: 'scalar', line, value: s };
  }
  if (isAlias(node)) return { kind: 'scalar', line, value: `*${node.source}` };
  return emptyScalar(line);
}

// ---------------------------------------------------------------------------------------------
// Step 3: the tolerant indentation reader.

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

function readByIndentation(lines: string[], firstLine: number, diagnostics: PageDiagnostic[]): YNode | null {
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

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

// ---------------------------------------------------------------------------------------------
// Step 4: generic tree → ManifestNodes.

const ENTRY_KEYS = new Set(['name', 'value', 'props', 'description', 'valid_values', 'default']);

function convertRoot(root: YNode, firstLine: number, diagnostics: PageDiagnostic[]): ManifestNode[] {
  const ctx: Ctx = { firstLine, diagnostics };
  if (root.kind === 'seq') return entrySeq(root, ctx);
  if (root.kind === 'map') {
    const resources = root.pairs.find((p) => p.key === 'resources' && p.value.kind === 'seq');
    const stackKeys = root.pairs.some((p) => p.key === 'version' || p.key === 'providers' || p.key === 'globals');
    if (resources && stackKeys) {
      const others = root.pairs.filter((p) => p !== resources).map((p) => p.key);
      diagnostics.push({
        severity: 'info',
        code: 'manifest/stack-file',
        message: `stack file: nodes are the entries of resources:${others.length ? `; stack-level keys not in the tree: ${others.join(', ')}` : ''}`,
        line: firstLine + root.line,
      });
      return entrySeq(resources.value as YSeq, ctx);
    }
    return root.pairs.map((p) => dataNode(p.key, p.line, p.value, ctx));
  }
  if (root.value === null) return [];
  diagnostics.push({
    severity: 'warning',
    code: 'manifest/not-a-tree',
    message: `manifest is a single scalar, not a list or mapping: ${truncate(root.value, 80)}`,
    line: firstLine + root.line,
  });
  return [];
}

interface Ctx {
  firstLine: number;
  diagnostics: PageDiagnostic[];
}

/**
 * The entry name of a `- name: x` mapping, or null when the mapping is data. An entry starts
 * with a `name:` that is not a template, and its other keys are entry keys (or it has a
 * `value:`/`props:`); `- default: users\n  name: table` (name not first) is data.
 */
function entryName(map: YMap): string | null {
  if (map.pairs.length === 0 || map.pairs[0].key !== 'name') return null;
  let name: string | null = null;
  let known = true;
  let hasBody = false;
  for (const p of map.pairs) {
    if (p.key === 'name') {
      if (name !== null || p.value.kind !== 'scalar' || p.value.value === null) return null;
      name = p.value.value;
    } else if (!ENTRY_KEYS.has(p.key)) known = false;
    else if (p.key === 'value' || p.key === 'props') hasBody = true;
  }
  if (name === null || name.includes('{{')) return null;
  return known || hasBody ? name : null;
}

/** A sequence where `- name: x` items are entries; other items are named `[i]`. */
function entrySeq(seq: YSeq, ctx: Ctx): ManifestNode[] {
  const out: ManifestNode[] = [];
  seq.items.forEach((item, i) => {
    const name = item.kind === 'map' ? entryName(item) : null;
    if (name !== null) out.push(entryNode(item as YMap, name, ctx));
    else if (item.kind === 'seq' && item.items.length > 0) {
      out.push({ name: `[${i}]`, props: entrySeq(item, ctx), line: ctx.firstLine + item.line });
    } else out.push(dataNode(`[${i}]`, item.line, item, ctx));
  });
  return out;
}

function entryNode(map: YMap, name: string, ctx: Ctx): ManifestNode {
  const node: ManifestNode = { name, line: ctx.firstLine + map.line };
  const props: ManifestNode[] = [];
  let hasProps = false;
  const seen = new Set<string>();
  for (const p of map.pairs) {
    if (p.key === 'name') continue;
    if (seen.has(p.key)) {
      ctx.diagnostics.push({
        severity: 'warning',
        code: 'manifest/duplicate-key',
        message: `entry ${name} repeats ${p.key}:; both are read, a later scalar replaces an earlier one`,
        line: ctx.firstLine + p.line,
      });
    }
    seen.add(p.key);
    const v = p.value;
    switch (p.key) {
      case 'value':
        if (v.kind === 'scalar') {
          if (v.value !== null) node.value = v.value;
        } else if (isEmpty(v)) node.value = v.kind === 'seq' ? '[]' : '{}';
        else if (v.kind === 'seq') append(props, entrySeq(v, ctx));
        else for (const q of v.pairs) props.push(dataNode(q.key, q.line, q.value, ctx));
        break;
      case 'props':
        hasProps = true;
        if (v.kind === 'seq') append(props, entrySeq(v, ctx));
        else if (v.kind === 'map') for (const q of v.pairs) props.push(dataNode(q.key, q.line, q.value, ctx));
        else if (v.value !== null) unexpected(ctx, p, `props of ${name} is a scalar (${truncate(v.value, 40)}), kept as its value`, () => { node.value ??= v.value!; });
        break;
      case 'description':
        if (v.kind === 'scalar') { if (v.value !== null) node.description = v.value; }
        else unexpected(ctx, p, `description of ${name} is not text; kept as props`, () => props.push(dataNode('description', p.line, v, ctx)));
        break;
      case 'default':
        if (v.kind === 'scalar') { if (v.value !== null) node.default = v.value; }
        else unexpected(ctx, p, `default of ${name} is not a scalar; kept as props`, () => props.push(dataNode('default', p.line, v, ctx)));
        break;
      case 'valid_values':
        if (v.kind === 'scalar') { if (v.value !== null) node.validValues = [v.value]; }
        else if (v.kind === 'seq' && v.items.every((x) => x.kind === 'scalar')) {
          node.validValues = v.items.map((x) => (x as YScalar).value ?? '');
        } else unexpected(ctx, p, `valid_values of ${name} is not a list of scalars; kept as props`, () => props.push(dataNode('valid_values', p.line, v, ctx)));
        break;
      default:
        ctx.diagnostics.push({
          severity: 'info',
          code: 'manifest/unknown-key',
          message: `entry ${name} has key ${p.key}:, kept as a child node`,
          line: ctx.firstLine + p.line,
        });
        props.push(dataNode(p.key, p.line, v, ctx));
    }
  }
  if (props.length > 0 || hasProps) node.props = props;
  return node;
}

function unexpected(ctx: Ctx, p: YPair, message: string, keep: () => void): void {
  ctx.diagnostics.push({ severity: 'info', code: 'manifest/unexpected-shape', message, line: ctx.firstLine + p.line });
  keep();
}

/** push(...src) without the argument-count limit of a spread */
function append<T>(dst: T[], src: T[]): void {
  for (const x of src) dst.push(x);
}

function isEmpty(v: YMap | YSeq): boolean {
  return v.kind === 'seq' ? v.items.length === 0 : v.pairs.length === 0;
}

/** Data: mapping keys name the children, sequence items are `[i]`; no entry reading below. */
function dataNode(name: string, line: number, v: YNode, ctx: Ctx): ManifestNode {
  const node: ManifestNode = { name, line: ctx.firstLine + line };
  if (v.kind === 'scalar') {
    if (v.value !== null) node.value = v.value;
  } else if (isEmpty(v)) node.value = v.kind === 'seq' ? '[]' : '{}';
  else if (v.kind === 'map') node.props = v.pairs.map((q) => dataNode(q.key, q.line, q.value, ctx));
  else node.props = v.items.map((x, i) => dataNode(`[${i}]`, x.line, x, ctx));
  return node;
}
