export {
  StackQLError,
  StackQLRenderError,
  StackQLHttpError,
  StackQLNetworkError,
  StackQLTimeoutError,
  StackQLAbortError,
  StackQLProtocolError,
} from './errors.ts';
export type { StackQLErrorOptions } from './errors.ts';
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
} from './render.ts';
export type { SelectSpec, InsertSpec, UpdateSpec, DeleteSpec, ExecSpec } from './render.ts';
export type { Transport, ExecuteOptions, QueryResult, QueryMetadata } from './transport.ts';
export { createHttpTransport } from './http-transport.ts';
export type { HttpTransportOptions } from './http-transport.ts';
export { createPgTransport } from './pg-transport.ts';
export type { PgTransport, PgTransportOptions, PgTlsOptions } from './pg-transport.ts';
export { createClient } from './client.ts';
export type { StackQLClient, ClientOptions } from './client.ts';
