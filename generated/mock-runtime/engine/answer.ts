/**
 * The middleware's answer to POST /stackql: `{data, metadata}` as an object for in-process callers,
 * and its JSON text for a transport (answerText), made once: the rows' text may come from the
 * answer cache, and the metadata's is written out, not serialised again.
 */
import { withText } from './answer-cache.js';
import { budgetErrors, jsonBytes } from './budgets.js';
import { errorResponse } from './errors.js';
import { renderQuery } from './substitute.js';
import type { MockResponse, QueryRequest, ResultColumn, Row } from './types.js';

/** What running a statement gave, before it is answered. */
export interface Outcome {
  rows: Row[];
  /** Rows written or removed, for mutations. */
  affected?: number;
  /** The answer's columns; absent for a statement that answers no result set. */
  columns?: ResultColumn[] | undefined;
  notices?: string[];
  /** JSON.stringify(rows), when already made (an answer from the cache, or one just kept there). */
  json?: string;
  /** The rows were checked against the answer budget already. */
  sized?: boolean;
}

/** Refuses rows over the answer budget (unless they were checked when kept). */
export function checkAnswerSize(outcome: Outcome, limit: number): void {
  if (outcome.sized) return;
  if (jsonBytes(outcome.rows, limit) > limit) throw budgetErrors.answerSize(limit);
}

/** The middleware's answer for an outcome: `{data, metadata}`, with its JSON text made once. */
export function middlewareAnswer(request: QueryRequest, outcome: Outcome, maxAnswerBytes: number, startTime: number, started: number): MockResponse {
  try {
    checkAnswerSize(outcome, maxAnswerBytes);
    const body: Record<string, unknown> = { data: outcome.rows };
    // The metadata as an object for the body and as text for the transport, written out here:
    // every value in it is a number, a string with nothing to escape, or goes through JSON.stringify.
    let metadataText: string | undefined;
    if (request.showMetadata !== false) {
      const duration = performance.now() - started;
      const start = isoTime(startTime);
      // As new Date(startTime + duration) keeps it: whole milliseconds.
      const end = isoTime(Math.trunc(startTime + duration));
      const took = `${duration.toFixed(3)}ms`;
      const result: Record<string, unknown> = { rowCount: outcome.rows.length };
      let resultText = `{"rowCount":${outcome.rows.length}`;
      if (outcome.affected !== undefined) {
        result['affectedRows'] = outcome.affected;
        resultText += `,"affectedRows":${outcome.affected}`;
      }
      const req: Record<string, unknown> = { query: request.query };
      let requestText = `{"query":${JSON.stringify(request.query)}`;
      if (request.params !== undefined) {
        const rendered = renderQuery(request.query, request.params);
        req['params'] = request.params;
        req['renderedQuery'] = rendered;
        requestText += `,"params":${JSON.stringify(request.params)},"renderedQuery":${JSON.stringify(rendered)}`;
      }
      body['metadata'] = { operation: { startTime: start, endTime: end, duration: took, status: 'OK' }, result, request: req };
      metadataText = `{"operation":{"startTime":"${start}","endTime":"${end}","duration":"${took}","status":"OK"},"result":${resultText}},"request":${requestText}}}`;
    }
    // The text a transport sends, exactly JSON.stringify(body); a value that cannot be
    // serialised leaves it to the transport (whose error says so).
    let data: string;
    try {
      data = outcome.json ?? JSON.stringify(outcome.rows);
    } catch {
      return { status: 200, body };
    }
    return withText({ status: 200, body }, metadataText === undefined ? `{"data":${data}}` : `{"data":${data},"metadata":${metadataText}}`);
  } catch (error) {
    return errorResponse(error);
  }
}

let lastTime = Number.NaN;
let lastIso = '';

/** new Date(ms).toISOString(), made once per millisecond: answers in the same one share it. */
function isoTime(ms: number): string {
  if (ms !== lastTime) {
    lastIso = new Date(ms).toISOString();
    lastTime = ms;
  }
  return lastIso;
}
