/**
 * The middleware's answer to POST /stackql: `{data, metadata}` as an object for in-process callers,
 * and its JSON text for a transport (answerText), made once: the rows' text may come from the
 * answer cache, and the metadata's is written out, not serialised again.
 */
import { copyRows, TextAnswer, withText } from './answer-cache.ts';
import { budgetErrors, jsonBytes } from './budgets.ts';
import { errorResponse } from './errors.ts';
import { renderQuery } from './substitute.ts';
import type { MockResponse, QueryRequest, ResultColumn, Row } from './types.ts';

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
  /** The rows (and columns) are the answer cache's own: copied before they are handed to a caller. */
  shared?: boolean;
}

/** Refuses rows over the answer budget (unless they were checked when kept). */
export function checkAnswerSize(outcome: Outcome, limit: number): void {
  if (outcome.sized) return;
  if (jsonBytes(outcome.rows, limit) > limit) throw budgetErrors.answerSize(limit);
}

/**
 * The middleware's answer for an outcome: `{data, metadata}`, with its JSON text made once. With
 * `lazyBody` (a transport, which sends the text), the body object is made only when read.
 */
export function middlewareAnswer(request: QueryRequest, outcome: Outcome, maxAnswerBytes: number, startTime: number, started: number, lazyBody = false): MockResponse {
  try {
    checkAnswerSize(outcome, maxAnswerBytes);
    // The metadata as text for the transport, written out here: every value in it is a number, a
    // string with nothing to escape, or goes through JSON.stringify; metadataOf gives the object.
    let meta: Metadata | undefined;
    let metadataText: string | undefined;
    if (request.showMetadata !== false) {
      const duration = performance.now() - started;
      const start = isoTime(startTime);
      // As new Date(startTime + duration) keeps it: whole milliseconds.
      const end = isoTime(Math.trunc(startTime + duration));
      meta = { start, end, took: `${duration.toFixed(3)}ms` };
      let resultText = `{"rowCount":${outcome.rows.length}`;
      if (outcome.affected !== undefined) resultText += `,"affectedRows":${outcome.affected}`;
      let requestText = `{"query":${JSON.stringify(request.query)}`;
      if (request.params !== undefined) {
        meta.rendered = renderQuery(request.query, request.params);
        requestText += `,"params":${JSON.stringify(request.params)},"renderedQuery":${JSON.stringify(meta.rendered)}`;
      }
      metadataText = `{"operation":{"startTime":"${start}","endTime":"${end}","duration":"${meta.took}","status":"OK"},"result":${resultText}},"request":${requestText}}}`;
    }
    // The text a transport sends, exactly JSON.stringify(body); a value that cannot be
    // serialised leaves it to the transport (whose error says so).
    let data: string;
    try {
      data = outcome.json ?? JSON.stringify(outcome.rows);
    } catch {
      return { status: 200, body: answerBody(request, outcome, meta) };
    }
    const text = metadataText === undefined ? `{"data":${data}}` : `{"data":${data},"metadata":${metadataText}}`;
    return lazyBody ? new LazyAnswer(request, outcome, meta, text) : withText({ status: 200, body: answerBody(request, outcome, meta) }, text);
  } catch (error) {
    return errorResponse(error);
  }
}

/** What the metadata's text was written from. */
interface Metadata {
  start: string;
  end: string;
  took: string;
  rendered?: string;
}

/** The metadata object, as its text above says it. */
function metadataOf(request: QueryRequest, outcome: Outcome, meta: Metadata): Record<string, unknown> {
  const result: Record<string, unknown> = { rowCount: outcome.rows.length };
  if (outcome.affected !== undefined) result['affectedRows'] = outcome.affected;
  const req: Record<string, unknown> = { query: request.query };
  if (request.params !== undefined) {
    req['params'] = request.params;
    req['renderedQuery'] = meta.rendered;
  }
  return { operation: { startTime: meta.start, endTime: meta.end, duration: meta.took, status: 'OK' }, result, request: req };
}

/** The body of an answer: rows kept by the answer cache are its own, so the body gets copies. */
function answerBody(request: QueryRequest, outcome: Outcome, meta: Metadata | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { data: outcome.shared ? copyRows(outcome.rows) : outcome.rows };
  if (meta !== undefined) body['metadata'] = metadataOf(request, outcome, meta);
  return body;
}

/**
 * A transport's answer: its JSON text (answerText) at hand, its body made on first read (and
 * replaceable, as a plain response's is). A class, not a closure and a WeakMap entry per answer:
 * one object, no function made per request.
 */
class LazyAnswer extends TextAnswer implements MockResponse {
  readonly status = 200;
  declare headers?: Record<string, string> | undefined;
  #body: unknown;
  #made = false;
  #request: QueryRequest | undefined;
  #outcome: Outcome | undefined;
  #meta: Metadata | undefined;

  constructor(request: QueryRequest, outcome: Outcome, meta: Metadata | undefined, text: string) {
    super(text);
    this.#request = request;
    this.#outcome = outcome;
    this.#meta = meta;
  }

  get body(): unknown {
    if (!this.#made) this.body = answerBody(this.#request!, this.#outcome!, this.#meta);
    return this.#body;
  }

  set body(value: unknown) {
    this.#body = value;
    this.#made = true;
    // What the body was made from is no longer needed.
    this.#request = this.#outcome = this.#meta = undefined;
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
