export {
  StackQLError,
  StackQLRenderError,
  StackQLHttpError,
  StackQLNetworkError,
  StackQLTimeoutError,
  StackQLAbortError,
  StackQLProtocolError,
} from './errors.js';
export type { StackQLErrorOptions } from './errors.js';
export {
  IDENTIFIER_QUOTE,
  quoteLiteral,
  quoteIdentifier,
  qualifiedName,
  renderSelect,
  renderInsert,
  renderUpdate,
  renderDelete,
  renderExec,
} from './render.js';
export type { SelectSpec, InsertSpec, UpdateSpec, DeleteSpec, ExecSpec } from './render.js';
export type { Transport, ExecuteOptions, QueryResult, QueryMetadata } from './transport.js';
export { createHttpTransport } from './http-transport.js';
export type { HttpTransportOptions } from './http-transport.js';
export { createPgTransport } from './pg-transport.js';
export type { PgTransport, PgTransportOptions, PgTlsOptions } from './pg-transport.js';
export { createClient } from './client.js';
export type { StackQLClient, ClientOptions } from './client.js';
