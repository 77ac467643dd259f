import type { Diagnostic, Severity } from '../core/model.ts';

/** A diagnostic before it knows its file: parsing works on text, the pipeline adds the path. */
export type PageDiagnostic = Omit<Diagnostic, 'file'>;

/** Collects diagnostics for one page; `add` keeps call sites to one line. */
export class DiagnosticSink {
  readonly list: PageDiagnostic[] = [];

  add(severity: Severity, code: string, message: string, line: number, column?: number): void {
    const d: PageDiagnostic = { severity, code, message, line };
    if (column !== undefined) d.column = column;
    this.list.push(d);
  }

  info(code: string, message: string, line: number): void {
    this.add('info', code, message, line);
  }

  warn(code: string, message: string, line: number): void {
    this.add('warning', code, message, line);
  }

  error(code: string, message: string, line: number): void {
    this.add('error', code, message, line);
  }
}
