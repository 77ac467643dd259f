/**
 * The generic tree both manifest readers build (the yaml package's Document and the tolerant
 * indentation reader), which nodes.ts turns into ManifestNodes. Lines are 0-based indexes into the
 * manifest text.
 */

export interface YScalar {
  kind: 'scalar';
  line: number;
  /** null when nothing was written (`key:` with no value, `-` with no item). */
  value: string | null;
}
export interface YPair {
  key: string;
  line: number;
  value: YNode;
}
export interface YMap {
  kind: 'map';
  line: number;
  pairs: YPair[];
}
export interface YSeq {
  kind: 'seq';
  line: number;
  items: YNode[];
}
export type YNode = YScalar | YMap | YSeq;

export const emptyScalar = (line: number): YScalar => ({ kind: 'scalar', line, value: null });

/** Number of leading spaces/tabs, or -1 for a blank line. */
export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i === line.length ? -1 : i;
}

export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
