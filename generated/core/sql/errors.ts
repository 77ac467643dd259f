import type { Pos } from './ast.js';

/**
 * A statement the grammar refuses. The position is where the parser gave up, so callers (the doc
 * generator reporting a bad example, the mock answering a client) can point at the exact spot.
 */
export class StatementSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** The message without the "line L, column C: " prefix. */
  readonly reason: string;

  constructor(reason: string, pos: Pos) {
    super(`line ${pos.line}, column ${pos.column}: ${reason}`);
    this.name = 'StatementSyntaxError';
    this.reason = reason;
    this.line = pos.line;
    this.column = pos.column;
    this.offset = pos.offset;
  }
}
