/**
 * A GFM pipe table, read line by line, with the repair the docs need: rows whose last cell spans
 * several lines (even blank ones). GFM ends the table at such a row (or invents one-cell rows);
 * here a row that does not close with `|` while the table's own header does is continued until a
 * line closes it, and the join is reported.
 */
import type { DiagnosticSink } from './diagnostics.ts';
import type { Cell, Row, Table } from './tree.ts';

const DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export function isTableStart(lines: string[], i: number): boolean {
  return /^\s*\|/.test(lines[i]) && i + 1 < lines.length && DELIMITER.test(lines[i + 1]) && lines[i + 1].includes('-');
}

/** Lines that can never continue a cell: a new section, a fence, a tab boundary. */
function isBoundary(line: string): boolean {
  return /^(#{1,6}\s|```|~~~|<\/?Tabs\b|<\/?TabItem\b|<CodeBlock\b)/.test(line.trimStart());
}

/**
 * Reads the table whose header is at `start`. Returns it and the index of the first line after it.
 * `lineOffset` converts an index into a 1-based page line.
 */
export function readMarkdownTable(lines: string[], start: number, sink: DiagnosticSink): { table: Table; end: number } {
  const header = splitRow(lines[start]).map((c) => c.trim());
  const ncols = header.length;
  const closesWithPipe = endsWithPipe(lines[start]);
  const rows: Row[] = [];
  let i = start + 2;
  while (i < lines.length && /^\s*\|/.test(lines[i])) {
    const first = i;
    let text = lines[i];
    // Continue a row that is still open: its last cell goes on over the following lines.
    if (closesWithPipe && !endsWithPipe(text)) {
      let j = i + 1;
      while (j < lines.length && !endsWithPipe(text) && !isBoundary(lines[j]) && !/^\s*\|/.test(lines[j])) {
        text += `\n${lines[j]}`;
        j++;
      }
      if (endsWithPipe(text)) {
        sink.info('table/multiline-cell-joined', `table row spans lines ${first + 1}-${j}; joined into one row`, first + 1);
      } else {
        // Never closed: take the first line alone, and let the rest be read as what it is.
        sink.warn('table/unclosed-row', `table row at line ${first + 1} has no closing '|'; read as a one-line row`, first + 1);
        text = lines[i];
        j = i + 1;
      }
      i = j;
    } else {
      i++;
    }
    rows.push(toRow(text, first + 1, ncols, sink));
  }
  return { table: { type: 'table', format: 'markdown', header, rows, line: start + 1 }, end: i };
}

function toRow(text: string, line: number, ncols: number, sink: DiagnosticSink): Row {
  const parts = splitRow(text);
  if (parts.length > ncols && ncols > 0) {
    // A raw '|' in the last cell's text split it: GFM would drop the surplus cells.
    const merged = [...parts.slice(0, ncols - 1), parts.slice(ncols - 1).join('|')];
    sink.warn('table/extra-cells-merged', `row has ${parts.length} cells for ${ncols} columns; the surplus was kept in the last column`, line);
    parts.splice(0, parts.length, ...merged);
  } else if (parts.length < ncols) {
    sink.warn('table/missing-cells', `row has ${parts.length} cells for ${ncols} columns`, line);
    while (parts.length < ncols) parts.push('');
  }
  const cells: Cell[] = [];
  let offsetLine = line;
  for (const p of parts) {
    cells.push({ raw: p.trim(), line: offsetLine + leadingNewlines(p) });
    offsetLine += countNewlines(p);
  }
  return { cells, line };
}

/** Cells of a row, split on unescaped pipes (GFM splits inside code spans too); edges removed. */
export function splitRow(text: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '\\' && text[k + 1] === '|') {
      cur += '\\|';
      k++;
    } else if (ch === '|') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  if (cells.length > 1 && cells[0].trim() === '') cells.shift();
  if (cells.length > 1 && cells[cells.length - 1].trim() === '') cells.pop();
  return cells;
}

function endsWithPipe(text: string): boolean {
  const t = text.trimEnd();
  return t.endsWith('|') && !t.endsWith('\\|');
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function leadingNewlines(s: string): number {
  const m = /^\s*/.exec(s);
  return m ? countNewlines(m[0]) : 0;
}
