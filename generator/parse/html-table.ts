/**
 * An HTML `<table>` (multi-line `<thead>` tables, and the single-line `<table><tbody><tr><th>` form
 * that remark-mdx rejects) into rows of raw cells, with htmlparser2.
 *
 * Cells stay raw source (sliced from the input by the parser's indices) so inline conversion is
 * shared with markdown tables and nothing the parser misreads is lost: text such as
 * `Dictionary<String, String>` inside a cell is still in the slice.
 */
import { parseDocument } from 'htmlparser2';
import type { VFile } from 'vfile';
import { warn } from './diagnostics.ts';
import { stripTags } from './inline.ts';
import { pointAt, span, type Lines } from './lines.ts';
import type { Position } from 'unist';
import type { Table, TableCell, TableRow } from './tree.ts';

type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<ChildNode, { type: 'tag' | 'script' | 'style'; name: string }>;

/** The table on 0-based lines `first`..`last` of the page. */
export function parseHtmlTable(l: Lines, first: number, last: number, file: VFile): Table {
  const html = l.lines.slice(first, last + 1).join('\n');
  const doc = parseDocument(html, {
    withStartIndices: true,
    withEndIndices: true,
    recognizeSelfClosing: true,
    lowerCaseTags: true,
    decodeEntities: false,
  });
  const at = localPoints(l, first, html);
  const trs: Element[] = [];
  const stray: Element[] = [];
  collect(doc.children, trs, stray);
  for (const cell of stray) {
    warn(file, 'table/cell-outside-row', `a <${cell.name}> outside any <tr> was not read (is a <tr> missing?)`, at(cell.startIndex ?? 0));
  }

  let header: string[] = [];
  const rows: TableRow[] = [];
  for (const tr of trs) {
    const cells = tr.children.filter(isCell);
    if (cells.length === 0) {
      if (tr.children.some((c) => c.type === 'tag')) warn(file, 'table/row-without-cells', 'a <tr> holds tags but no <td> or <th>; its content was not read', at(tr.startIndex ?? 0));
      continue;
    }
    const isHeader = cells.every((c) => c.name === 'th') && header.length === 0 && rows.length === 0;
    if (isHeader) {
      header = cells.map((c) => stripTags(inner(html, c).value).trim());
      continue;
    }
    const row: TableRow = {
      type: 'tableRow',
      children: cells.map((c): TableCell => {
        const { value, from, to } = inner(html, c);
        return { type: 'tableCell', value, position: { start: at(from), end: at(to) } };
      }),
      position: { start: at(tr.startIndex ?? 0), end: at((tr.endIndex ?? 0) + 1) } satisfies Position,
    };
    if (tr.attribs.id) row.id = tr.attribs.id;
    rows.push(row);
  }
  // The registry's aws generation puts <table>, the header row and the first row on one line.
  const head = l.lines[first];
  const singleLine = /^\s*<table[^>]*>\s*<tbody>\s*<tr>\s*<th/i.test(head) && /<\/tr>\s*<tr/i.test(head);
  return { type: 'table', format: singleLine ? 'html-inline' : 'html', header, children: rows, position: span(l, first, last) };
}

function collect(nodes: ChildNode[], out: Element[], stray: Element[]): void {
  for (const n of nodes) {
    if (n.type !== 'tag') continue;
    if (n.name === 'tr') out.push(n);
    // A table nested inside a cell belongs to that cell's text, not to this table.
    else if (n.name === 'td' || n.name === 'th') stray.push(n);
    else collect(n.children, out, stray);
  }
}

function isCell(n: ChildNode): n is Element {
  return n.type === 'tag' && (n.name === 'td' || n.name === 'th');
}

/** The cell's inner source, trimmed, and the offsets it spans in `html`. */
function inner(html: string, el: Element): { value: string; from: number; to: number } {
  const first = el.children[0];
  const last = el.children[el.children.length - 1];
  if (!first || !last || first.startIndex == null || last.endIndex == null) {
    const at = (el.endIndex ?? el.startIndex ?? 0) + 1;
    return { value: '', from: at, to: at };
  }
  const raw = html.slice(first.startIndex, last.endIndex + 1);
  const lead = raw.length - raw.trimStart().length;
  const value = raw.trim();
  return { value, from: first.startIndex + lead, to: first.startIndex + lead + value.length };
}

/** Offset in the table's text → page point (the text is whole page lines joined by '\n'). */
function localPoints(l: Lines, first: number, text: string): (offset: number) => ReturnType<typeof pointAt> {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return pointAt(l, first + lo, offset - starts[lo]);
  };
}
