/**
 * Typed errors of the StackQL client runtime. Callers branch on the class (`instanceof`) or on
 * `name`; `name` is set explicitly because minifiers rename classes.
 *
 * The statement text is kept on `query` rather than in `message`: statements can carry secrets,
 * and messages end up in logs.
 */

export interface StackQLErrorOptions {
  query?: string;
  cause?: unknown;
}

export class StackQLError extends Error {
  override name = 'StackQLError';
  readonly query?: string;

  constructor(message: string, options: StackQLErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.query !== undefined) this.query = options.query;
  }
}

/** A value or name could not be rendered into a statement safely; nothing was sent. */
export class StackQLRenderError extends StackQLError {
  override name = 'StackQLRenderError';
  /** The column, parameter or argument whose value or name was rejected, when there is one. */
  readonly column?: string;

  constructor(message: string, options: StackQLErrorOptions & { column?: string } = {}) {
    super(message, options);
    if (options.column !== undefined) this.column = options.column;
  }
}

/** The server answered with a non-2xx status (or a 2xx carrying only `{error}`). */
export class StackQLHttpError extends StackQLError {
  override name = 'StackQLHttpError';
  readonly status: number;
  /** The server's own one-line message (`{"error": "..."}`), or the start of the body text. */
  readonly serverMessage: string;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;

  constructor(status: number, serverMessage: string, body: unknown, options: StackQLErrorOptions = {}) {
    super(`StackQL server answered ${status}: ${serverMessage}`, options);
    this.status = status;
    this.serverMessage = serverMessage;
    this.body = body;
  }
}

/** The request never got an answer: connection refused, DNS failure, reset, CORS, … */
export class StackQLNetworkError extends StackQLError {
  override name = 'StackQLNetworkError';

  constructor(message: string, cause: unknown, options: StackQLErrorOptions = {}) {
    super(message, { ...options, cause });
  }
}

export class StackQLTimeoutError extends StackQLError {
  override name = 'StackQLTimeoutError';
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options: StackQLErrorOptions = {}) {
    super(`StackQL request timed out after ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. */
export class StackQLAbortError extends StackQLError {
  override name = 'StackQLAbortError';

  constructor(options: StackQLErrorOptions = {}) {
    super('StackQL request was aborted by the caller', options);
  }
}

/** The server answered, but not in the StackQL protocol (not JSON, or neither `data` nor `error`). */
export class StackQLProtocolError extends StackQLError {
  override name = 'StackQLProtocolError';
  readonly status?: number;
  readonly body?: unknown;

  constructor(message: string, options: StackQLErrorOptions & { status?: number; body?: unknown } = {}) {
    super(`StackQL server answered outside the protocol: ${message}`, options);
    if (options.status !== undefined) this.status = options.status;
    if (options.body !== undefined) this.body = options.body;
  }
}
