/**
 * Diagnostics are VFile messages: a rule id, a source (the part of the reader that speaks: `page`,
 * `table`, `methods`, ...), a place (a node's position or a point) and a severity (vfile's
 * `fatal`: true error, false warning, undefined info). `code` everywhere else is `source/ruleId`,
 * which is what `generate` prints as `file:line:col severity code message`.
 */
import type { Node, Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { Diagnostic, Severity } from '../core/model.ts';

/** A diagnostic before it knows its file: the form that crosses threads and sits in the cache. */
export type PageDiagnostic = Omit<Diagnostic, 'file'>;

/** Where a message points: a node, a position, a point, or a bare 1-based line. */
export type Place = Node | Position | Point | number;

const FATAL: Record<Severity, boolean | undefined> = { error: true, warning: false, info: undefined };

export function report(file: VFile, severity: Severity, code: string, reason: string, place: Place): void {
  const slash = code.indexOf('/');
  // A VFileMessage is an Error; a message about a page needs no JavaScript stack, and capturing
  // one costs more than the rest of the message (tens of thousands per provider).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const msg = file.message(reason, {
      place: toPlace(place),
      source: slash > 0 ? code.slice(0, slash) : 'docgen',
      ruleId: slash > 0 ? code.slice(slash + 1) : code,
    });
    msg.fatal = FATAL[severity];
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export const info = (file: VFile, code: string, reason: string, place: Place) => report(file, 'info', code, reason, place);
export const warn = (file: VFile, code: string, reason: string, place: Place) => report(file, 'warning', code, reason, place);
export const error = (file: VFile, code: string, reason: string, place: Place) => report(file, 'error', code, reason, place);

/** Messages produced outside a VFile (the manifest and statement readers) joined to it. */
export function reportAll(file: VFile, list: PageDiagnostic[]): void {
  for (const d of list) report(file, d.severity, d.code, d.message, d.column === undefined ? d.line : { line: d.line, column: d.column });
}

/** The file's messages in the plain form the model stores. */
export function diagnosticsOf(file: VFile): PageDiagnostic[] {
  return file.messages.map((m) => {
    const d: PageDiagnostic = {
      severity: m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info',
      code: m.source ? `${m.source}/${m.ruleId}` : String(m.ruleId),
      message: m.reason,
      line: m.line ?? 1,
    };
    if (m.column != null && m.column > 1) d.column = m.column;
    return d;
  });
}

function toPlace(place: Place): Position | Point {
  if (typeof place === 'number') return { line: place, column: 1 };
  if ('type' in place) return (place as Node).position ?? { line: 1, column: 1 };
  return place as Position | Point;
}
