/**
 * An HTML `<table>` (multi-line `<thead>` tables, and the single-line `<table><tbody><tr><th>` form
 * that remark-mdx rejects) into rows of raw cells, with htmlparser2.
 *
 * Cells stay raw source (sliced from the input by the parser's indices) so inline conversion is
 * shared with markdown tables and nothing the parser misreads is lost: text such as
 * `Dictionary<String, String>` inside a cell is still in the slice.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Row, Table } from './tree.ts';

export function parseHtmlTable(html: string, firstLine: number): Table {
  const doc = parseDocument(html, {
    withStartIndices: true,
    withEndIndices: true,
    recognizeSelfClosing: true,
    lowerCaseTags: true,
    decodeEntities: false,
  });
  const lineAt = lineIndex(html, firstLine);
  const trs: Element[] = [];
  collect(doc.children, trs);

  let header: string[] = [];
  const rows: Row[] = [];
  for (const tr of trs) {
    const cells = tr.children.filter(isCell);
    if (cells.length === 0) continue;
    const isHeader = cells.every((c) => c.name === 'th') && header.length === 0 && rows.length === 0;
    const raw = cells.map((c) => ({ raw: inner(html, c), line: lineAt(c.startIndex ?? 0) }));
    if (isHeader) header = raw.map((c) => c.raw.replace(/<[^>]*>/g, '').trim());
    else {
      const row: Row = { cells: raw, line: lineAt(tr.startIndex ?? 0) };
      if (tr.attribs.id) row.id = tr.attribs.id;
      rows.push(row);
    }
  }
  // The registry's aws generation puts <table>, the header row and the first row on one line.
  const head = html.slice(0, html.indexOf('\n') >>> 0);
  const singleLine = /<table[^>]*>\s*<tbody>\s*<tr>\s*<th.*<\/tr>\s*<tr/i.test(head);
  return { type: 'table', format: singleLine ? 'html-inline' : 'html', header, rows, line: firstLine };
}

function collect(nodes: ChildNode[], out: Element[]): void {
  for (const n of nodes) {
    if (n.type !== 'tag') continue;
    if (n.name === 'tr') out.push(n);
    // A table nested inside a cell belongs to that cell's text, not to this table.
    else if (n.name !== 'td' && n.name !== 'th') collect(n.children, out);
  }
}

function isCell(n: ChildNode): n is Element {
  return n.type === 'tag' && (n.name === 'td' || n.name === 'th');
}

function inner(html: string, el: Element): string {
  const first = el.children[0];
  const last = el.children[el.children.length - 1];
  if (!first || !last || first.startIndex == null || last.endIndex == null) return '';
  return html.slice(first.startIndex, last.endIndex + 1).trim();
}

/** Offset → line, by binary search over newline offsets (tables can be thousands of lines). */
function lineIndex(text: string, firstLine: number): (offset: number) => number {
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
    return firstLine + lo;
  };
}
