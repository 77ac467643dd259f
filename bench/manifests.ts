/**
 * `tsx bench/manifests.ts`: every manifest of ../shared/corpus through each way of reading it, to
 * show what the yaml package reads alone and what only the indentation reader reads.
 *   raw yaml           parseDocument on the text as written: no error, and the same tree as below
 *   yaml + templates   after quoting bare {{ }} templates (quote-templates.ts): no error
 *   yaml + colons      for the rest, after also quoting plain values holding ': ': no error
 *   left               what YAML still rejects (read through its error-tolerant Document)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import { visitParents } from 'unist-util-visit-parents';
import { VFile } from 'vfile';
import { LineCounter, parseDocument } from 'yaml';
import { tabOf } from '../generator/extract/columns.ts';
import { exampleSectionVerb } from '../generator/extract/examples.ts';
import { convertRoot } from '../generator/extract/manifest/nodes.ts';
import { quoteBareTemplates } from '../generator/extract/manifest/quote-templates.ts';
import { fromYaml } from '../generator/extract/manifest/yaml-reader.ts';
import { docPage } from '../generator/parse/doc-page.ts';
import { sectionsOf, type Code, type Root } from '../generator/parse/tree.ts';
import { listPages } from '../generator/read/list-pages.ts';

const corpus = process.argv[2] ?? '../shared/corpus';
const parser = unified().use(docPage);
const manifests: Array<{ file: string; line: number; text: string }> = [];
for (const file of listPages(corpus)) {
  const root = parser.parse(new VFile({ path: file, value: readFileSync(file, 'utf8') })) as Root;
  for (const s of sectionsOf(root)) {
    if (!exampleSectionVerb(s.title)) continue;
    visitParents(s, 'code', (code: Code, ancestors) => {
      if (code.lang === 'yaml' || code.lang === 'yml' || (code.lang === '' && tabOf(ancestors) === 'manifest')) manifests.push({ file, line: code.valueLine, text: code.value });
    });
  }
}

const opts = { schema: 'failsafe' as const, uniqueKeys: false };
let raw = 0;
let rawSame = 0;
let prepass = 0;
let colonsOk = 0;
let tolerantSome = 0;
const rest: Array<{ file: string; line: number; error: string; same: boolean }> = [];
const errorKinds = new Map<string, number>();
for (const m of manifests) {
  const lines = m.text.split(/\r\n|\r|\n/);
  const nodesOf = (text: string) => {
    const lc = new LineCounter();
    const doc = parseDocument(text, { ...opts, lineCounter: lc });
    return { doc, nodes: doc.contents == null ? [] : convertRoot(fromYaml(doc.contents, (o) => lc.linePos(o).line - 1, 0), m.line, []) };
  };
  const plain = nodesOf(m.text);
  const quoted = quoteBareTemplates(lines).text;
  const { doc, nodes } = nodesOf(quoted);
  if (plain.doc.errors.length === 0) {
    raw++;
    if (JSON.stringify(plain.nodes) === JSON.stringify(nodes)) rawSame++;
  }
  if (doc.errors.length === 0) {
    prepass++;
    continue;
  }
  const colons = nodesOf(quoteBareTemplates(lines, { colons: true }).text);
  if (colons.doc.errors.length === 0) {
    colonsOk++;
    continue;
  }
  if (nodes.length > 0) tolerantSome++;
  const same = false;
  const code = doc.errors[0].code;
  errorKinds.set(code, (errorKinds.get(code) ?? 0) + 1);
  rest.push({ file: m.file, line: m.line, error: `${code}: ${doc.errors[0].message.split('\n')[0]}`, same });
}

const n = manifests.length;
const pct = (x: number) => `${((100 * x) / n).toFixed(1)}%`;
console.log(`## manifests: what the yaml package reads alone\n`);
console.log(`${n} manifests in ${corpus} (yaml fences, \`<CodeBlock language="yaml">\`, untyped code in a manifest tab).\n`);
console.log('| reader | manifests read without error | share |');
console.log('|---|---|---|');
console.log(`| yaml, as written (no error) | ${raw} | ${pct(raw)} |`);
console.log(`| ... and the same tree as with the template pre-pass (bare {{ x }} read as a string, not a mapping) | ${rawSame} | ${pct(rawSame)} |`);
console.log(`| yaml after the template pre-pass | ${prepass} | ${pct(prepass)} |`);
console.log(`| yaml after the template and colon pre-passes (of the ${n - prepass} left) | ${colonsOk} | ${pct(prepass + colonsOk)} in all |`);
console.log(`| left: YAML errors even so (read through its tolerant Document, nodes for ${tolerantSome}) | ${rest.length} | |`);
console.log(`\nyaml errors on the rest: ${[...errorKinds].map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
for (const r of rest.slice(0, 40)) console.log(`- ${join(r.file)}:${r.line}: ${r.error}`);
