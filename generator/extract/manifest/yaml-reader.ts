/**
 * A manifest through the yaml package alone: the template pre-pass, then `parseDocument` with the
 * failsafe schema (every scalar stays the string written, `1.10` stays `1.10`), positions from its
 * LineCounter. When YAML reports an error, the colon pre-pass and a second parse
 * (`manifest/invalid-yaml-repaired`); when it still does, YAML's error-tolerant Document as far as
 * it got (`manifest/invalid-yaml`). On ../shared/corpus the two pre-passes make every manifest
 * valid YAML (bench/manifests.ts), so the hand-written indentation reader this replaced is gone.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import type { PageDiagnostic } from '../../parse/diagnostics.ts';
import { quoteBareTemplates } from './quote-templates.ts';
import { emptyScalar, type YNode, type YPair } from './tree.ts';

export function readTree(text: string, firstLine: number, diagnostics: PageDiagnostic[]): YNode | null {
  const lines = text.split(/\r\n|\r|\n/);
  const quoted = quoteBareTemplates(lines);
  let read = parse(quoted.text);
  if (read.doc.errors.length === 0) return tree(read);
  // Plain values holding `: ` are the other template habit YAML rejects: quote them and retry.
  const first = read.doc.errors[0];
  const colons = quoteBareTemplates(lines, { colons: true });
  if (colons.changed.size > quoted.changed.size) {
    const retry = parse(colons.text);
    if (retry.doc.errors.length === 0) {
      const lines = [...colons.changed].filter((k) => !quoted.changed.has(k)).map((k) => firstLine + k);
      diagnostics.push({
        severity: 'warning',
        code: 'manifest/invalid-yaml-repaired',
        message: `${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}; the plain value(s) holding ': ' at line ${lines.join(', ')} were quoted`,
        line: lines[0],
      });
      return tree(retry);
    }
    read = retry;
  }
  // What YAML cannot read even so: its error-tolerant Document, as far as it got, and the error.
  const { doc } = read;
  const err = doc.errors[0];
  const pos = err.linePos?.[0];
  const errLine = pos ? pos.line - 1 : 0;
  const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const diag: PageDiagnostic = {
    severity: 'warning',
    code: 'manifest/invalid-yaml',
    message: `${message}${doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more YAML errors)` : ''}; read as far as YAML could, nodes after it may be missing or merged`,
    line: firstLine + errLine,
  };
  if (pos && !quoted.changed.has(errLine)) diag.column = pos.col;
  diagnostics.push(diag);
  return tree(read);
}

function parse(text: string): { doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, lineCounter, prettyErrors: true });
  return { doc, lineCounter };
}

function tree({ doc, lineCounter }: ReturnType<typeof parse>): YNode | null {
  if (doc.contents == null) return null;
  return fromYaml(doc.contents, (offset) => lineCounter.linePos(offset).line - 1, 0);
}

export function fromYaml(node: unknown, lineOf: (offset: number) => number, parentLine: number): YNode {
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
