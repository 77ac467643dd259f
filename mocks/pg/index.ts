/**
 * The mock engine over the Postgres wire protocol, as `stackql srv` speaks it (protocol.md §4):
 *   server.ts        listening, TLS, shutdown
 *   session.ts       one connection: framing, startup and TLS, dispatch, the simple query
 *   extended.ts      the extended query protocol (Parse, Bind, Describe, Execute, Close, Sync)
 *   answer.ts        one statement's answer: housekeeping or the engine's, typed and as text
 *   client-messages.ts  what clients send, read strictly
 *   server-messages.ts  what the server sends, encoded
 *   column-types.ts  numeric / bool / text from the model's field types, values as text
 *   housekeeping.ts  the Postgres-session queries clients send on their own
 *   parameters.ts    `$n` of the extended protocol, bound as literals
 */
export { startPgServer, DEFAULT_PG_PORT, type PgServerOptions, type PgTlsOptions, type RunningPgServer } from './server.ts';
export { SERVER_VERSION, DEFAULT_MAX_MESSAGE_BYTES, type PgLogEntry } from './session.ts';
export { pgTypeOf, OID, type PgType } from './column-types.ts';
