/**
 * A GFM pipe table, read line by line, with the repair the docs need: rows whose last cell spans
 * several lines (even blank ones). GFM ends the table at such a row (or invents one-cell rows);
 * here a row that does not close with `|` while the table's own header does is continued until a
 * line closes it, and the join is reported. Linear in the table's text.
 */
import type { VFile } from 'vfile';
import { info, warn } from './diagnostics.ts';
import { pointAt, span, type Lines } from './lines.ts';
import type { Table, TableCell, TableRow } from './tree.ts';

export function isTableStart(lines: string[], i: number): boolean {
  return startsWithPipe(lines[i]) && i + 1 < lines.length && isDelimiterRow(lines[i + 1]);
}

/** `| --- | :-: |`: every cell dashes with optional colons, at least one cell. Hand-read: linear. */
export function isDelimiterRow(line: string): boolean {
  const cells = splitRow(line);
  if (cells.length === 0) return false;
  for (const c of cells) if (!/^:?-+:?$/.test(c.text.trim())) return false;
  return true;
}

/** A line that starts a table row, or looks like one: `|` after optional spaces. */
export function startsWithPipe(line: string): boolean {
  let k = 0;
  while (line[k] === ' ' || line[k] === '\t') k++;
  return line[k] === '|';
}

/** Lines that can never continue a cell: a new section, a fence, a tab boundary. */
function isBoundary(line: string): boolean {
  return /^(#{1,6}\s|```|~~~|<\/?Tabs\b|<\/?TabItem\b|<CodeBlock\b)/.test(line.trimStart());
}

/** Reads the table whose header is at `start`. Returns it and the index of the first line after it. */
export function readMarkdownTable(l: Lines, start: number, file: VFile): { table: Table; end: number } {
  const { lines } = l;
  const header = splitRow(lines[start]).map((c) => c.text.trim());
  const ncols = header.length;
  const closesWithPipe = endsWithPipe(lines[start]);
  const rows: TableRow[] = [];
  let i = start + 2;
  while (i < lines.length && startsWithPipe(lines[i])) {
    const first = i;
    let last = i;
    // Continue a row that is still open: its last cell goes on over the following lines.
    if (closesWithPipe && !endsWithPipe(lines[i])) {
      let j = i + 1;
      let closed = false;
      while (j < lines.length && !isBoundary(lines[j]) && !startsWithPipe(lines[j])) {
        closed = endsWithPipe(lines[j]);
        j++;
        if (closed) break;
      }
      if (closed) {
        last = j - 1;
        info(file, 'table/multiline-cell-joined', `table row spans lines ${first + 1}-${j}; joined into one row`, first + 1);
      } else {
        // Never closed: take the first line alone, and let the rest be read as what it is.
        warn(file, 'table/unclosed-row', `table row at line ${first + 1} has no closing '|'; read as a one-line row`, first + 1);
      }
    }
    rows.push(toRow(l, first, last, ncols, file));
    i = last + 1;
  }
  const table: Table = { type: 'table', format: 'markdown', header, children: rows, position: span(l, start, i - 1) };
  return { table, end: i };
}

interface RawCell {
  text: string;
  /** 0-based line offset from the row's first line, and column, where the cell's text starts. */
  line: number;
  column: number;
}

function toRow(l: Lines, first: number, last: number, ncols: number, file: VFile): TableRow {
  const parts = splitRow(l.lines.slice(first, last + 1).join('\n'));
  if (parts.length > ncols && ncols > 0) {
    // A raw '|' in the last cell's text split it: GFM would drop the surplus cells.
    const tail = parts.slice(ncols - 1);
    const merged: RawCell = { ...tail[0], text: tail.map((p) => p.text).join('|') };
    warn(file, 'table/extra-cells-merged', `row has ${parts.length} cells for ${ncols} columns; the surplus was kept in the last column`, first + 1);
    parts.splice(ncols - 1, parts.length, merged);
  } else if (parts.length < ncols) {
    warn(file, 'table/missing-cells', `row has ${parts.length} cells for ${ncols} columns`, first + 1);
  }
  const cells: TableCell[] = parts.map((p) => cellNode(l, first, p));
  while (cells.length < ncols) {
    const at = pointAt(l, last, l.lines[last].length);
    cells.push({ type: 'tableCell', value: '', position: { start: at, end: at } });
  }
  return { type: 'tableRow', children: cells, position: span(l, first, last) };
}

function cellNode(l: Lines, first: number, p: RawCell): TableCell {
  if (!p.text.includes('\n')) {
    // The common case, one line: arithmetic instead of a walk.
    const value = p.text.trim();
    const lead = p.text.length - p.text.trimStart().length;
    const line = first + p.line;
    return { type: 'tableCell', value, position: { start: pointAt(l, line, p.column + lead), end: pointAt(l, line, p.column + lead + value.length) } };
  }
  // Position of the trimmed text: skip leading whitespace (which may cross lines).
  let line = p.line;
  let column = p.column;
  let k = 0;
  while (k < p.text.length && /\s/.test(p.text[k])) {
    if (p.text[k] === '\n') {
      line++;
      column = 0;
    } else column++;
    k++;
  }
  const value = p.text.trim();
  let endLine = line;
  let endColumn = column;
  for (let m = k; m < k + value.length; m++) {
    if (p.text[m] === '\n') {
      endLine++;
      endColumn = 0;
    } else endColumn++;
  }
  return { type: 'tableCell', value, position: { start: pointAt(l, first + line, column), end: pointAt(l, first + endLine, endColumn) } };
}

/** Cells of a row, split on unescaped pipes (GFM splits inside code spans too); edges removed. */
function splitRow(text: string): RawCell[] {
  const cells: RawCell[] = [];
  let start = 0;
  let line = 0;
  let lineStart = 0;
  let cellLine = 0;
  let cellColumn = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '\\' && text[k + 1] === '|') k++;
    else if (ch === '\n') {
      line++;
      lineStart = k + 1;
    } else if (ch === '|') {
      cells.push({ text: text.slice(start, k), line: cellLine, column: cellColumn });
      start = k + 1;
      cellLine = line;
      cellColumn = k + 1 - lineStart;
    }
  }
  cells.push({ text: text.slice(start), line: cellLine, column: cellColumn });
  if (cells.length > 1 && cells[0].text.trim() === '') cells.shift();
  if (cells.length > 1 && cells[cells.length - 1].text.trim() === '') cells.pop();
  return cells;
}

function endsWithPipe(text: string): boolean {
  const t = text.trimEnd();
  return t.endsWith('|') && !t.endsWith('\\|');
}
