/**
 * A page as lines, with the offset where each starts, so every node gets a full unist position.
 * Lines end at `\r\n`, `\n` or a lone `\r` (pages saved with old Mac line endings are still pages).
 */
import type { Point, Position } from 'unist';

export interface Lines {
  lines: string[];
  /** Offset of each line's first character in the page text. */
  starts: number[];
  /** True when some line ended with a lone `\r`. */
  crOnly: boolean;
}

export function splitLines(text: string): Lines {
  if (!text.includes('\r')) {
    // Nearly every page: the native split, and starts from the line lengths.
    const lines = text.split('\n');
    const starts = new Array<number>(lines.length);
    let at = 0;
    for (let k = 0; k < lines.length; k++) {
      starts[k] = at;
      at += lines[k].length + 1;
    }
    return { lines, starts, crOnly: false };
  }
  const lines: string[] = [];
  const starts: number[] = [];
  let crOnly = false;
  let from = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c !== 10 && c !== 13) continue;
    lines.push(text.slice(from, k));
    starts.push(from);
    if (c === 13) {
      if (text.charCodeAt(k + 1) === 10) k++;
      else crOnly = true;
    }
    from = k + 1;
  }
  lines.push(text.slice(from));
  starts.push(from);
  return { lines, starts, crOnly };
}

/** The point at 0-based line `i`, 0-based column `col`. */
export function pointAt(l: Lines, i: number, col = 0): Point {
  const line = Math.min(i, l.lines.length - 1);
  return { line: line + 1, column: col + 1, offset: l.starts[line] + col };
}

/** The point just after the last character of 0-based line `i`. */
export function endOf(l: Lines, i: number): Point {
  const line = Math.min(i, l.lines.length - 1);
  return pointAt(l, line, l.lines[line].length);
}

/** Lines `first`..`last` (0-based, inclusive), from the first non-blank column. */
export function span(l: Lines, first: number, last: number): Position {
  const text = l.lines[first] ?? '';
  let col = 0;
  while (col < text.length && (text[col] === ' ' || text[col] === '\t')) col++;
  return { start: pointAt(l, first, col === text.length ? 0 : col), end: endOf(l, Math.max(first, last)) };
}

/** Offset within the page → point, by binary search over line starts. */
export function pointOfOffset(l: Lines, offset: number): Point {
  let lo = 0;
  let hi = l.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (l.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - l.starts[lo] + 1, offset };
}
