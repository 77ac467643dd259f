/**
 * The object generated resource clients are built on. It only forwards to a Transport, so the same
 * generated code runs over HTTP today and over the Postgres wire later (see transport.ts).
 */

import type { ExecuteOptions, QueryResult, Transport } from './transport.js';

export interface ClientOptions {
  transport: Transport;
}

export interface StackQLClient {
  readonly transport: Transport;
  /** Sends one statement and returns the whole answer, metadata included. */
  execute<Row = Record<string, unknown>>(query: string, options?: ExecuteOptions): Promise<QueryResult<Row>>;
  /** Sends one statement and returns its rows. */
  run<Row = Record<string, unknown>>(statement: string, options?: ExecuteOptions): Promise<Row[]>;
}

export function createClient({ transport }: ClientOptions): StackQLClient {
  if (!transport || typeof transport.execute !== 'function') {
    throw new TypeError('createClient needs a transport with an execute(query, options) method');
  }
  // Row types are the generated code's promise about the server's answer; nothing checks them here.
  const execute = <Row,>(query: string, options?: ExecuteOptions) =>
    transport.execute(query, options) as Promise<QueryResult<Row>>;
  return {
    transport,
    execute,
    async run<Row>(statement: string, options?: ExecuteOptions): Promise<Row[]> {
      return (await execute<Row>(statement, options)).data;
    },
  };
}
