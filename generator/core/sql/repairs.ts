/**
 * Repairs: what the parser does, in docs mode (ParseOptions.onRepair), to a statement the page
 * generator left broken, so that every example still yields a statement and each fix is reported.
 * The mock never passes onRepair: a client's statement is either valid or refused.
 */
import type { Pos } from './ast.ts';

export type RepairCode =
  /** An empty item in a comma list (`SELECT\n,\na`, `INSERT ... (\n ,\n region)`): skipped. */
  | 'sql/empty-list-item'
  /** `= value` with no name, in WHERE or SET (`WHERE  = '{{  }}'`): the comparison is dropped. */
  | 'sql/empty-name'
  /** `...` standing for "and so on" in a list (`SET a = 1, ...`): skipped. */
  | 'sql/ellipsis'
  /** A clause with nothing in it (`SELECT\n\nFROM`, `INSERT ... (\n)`, `SET` then `WHERE`, `WHERE ;`): read as empty. */
  | 'sql/empty-clause'
  /** An INSERT column with no value to pair with (fewer values than columns): left out. */
  | 'sql/missing-values'
  /** An INSERT value with no column to pair with (more values than columns): left out. */
  | 'sql/extra-values'
  /** A name with brackets written unquoted (`include[] = 'x'`): read as the quoted name `"include[]"`. */
  | 'sql/unquoted-name';

export interface Repair {
  code: RepairCode;
  message: string;
  /**
   * Where the repair applies, 1-based, relative to the text given to the parser (as for
   * StatementSyntaxError), so a caller adds the line its text starts on.
   */
  line: number;
  column: number;
  /** 0-based offset into that text: tells which of several statements (parseStatementsWithSpans) a repair belongs to. */
  offset: number;
}

/**
 * The repairs of one parse. Collected, not reported as they happen: a statement that still fails
 * after some repairs reports none of them (the caller gets the error instead), and the ones reported
 * come in source order even when a repair is only decided later (an INSERT column dropped because of
 * its value).
 */
export class RepairLog {
  private readonly repairs: Repair[] = [];

  constructor(private readonly onRepair: ((repair: Repair) => void) | undefined) {}

  /** Whether the parser may repair at all (docs mode). */
  get enabled(): boolean {
    return this.onRepair !== undefined;
  }

  add(code: RepairCode, message: string, pos: Pos): void {
    this.repairs.push({ code, message, line: pos.line, column: pos.column, offset: pos.offset });
  }

  /** Hands the collected repairs to onRepair, in source order. */
  flush(): void {
    const { onRepair } = this;
    if (onRepair === undefined) return;
    // Array.prototype.sort is stable: repairs at one offset keep the order they were made in.
    for (const repair of this.repairs.sort((a, b) => a.offset - b.offset)) onRepair(repair);
    this.repairs.length = 0;
  }
}
