/**
 * One resource's handlers, bound to its id: what the generated `mocks/<provider>/<service>/resources.ts`
 * modules export, one per resource of the service, so the emitted code stays a line or two per resource.
 *
 *   // generated/mocks/confluent/iam/resources.ts exports `invitations`:
 *   server.use(invitations.select(() => [{ id: 'inv-1', email: 'a@example.com' }]));
 *   server.use(invitations.fault('quota exceeded', 429));
 */
import type { RequestHandlerOptions } from 'msw';
import type { MockEngine } from '../engine/types.ts';
import type {
  DeleteStatement,
  ExecStatement,
  InsertStatement,
  SelectStatement,
  Statement,
  UpdateStatement,
} from '../../generator/core/sql/index.ts';
import { stackqlError, toHttpResponse } from './request.ts';
import { stackql as anyOrigin, type StackqlHandler, type StackqlNamespace, type StackqlResolver } from './stackql.ts';

/** What a resolver may answer with: rows with some or all of the resource's fields. */
type Rows<Row> = Partial<Row> & Record<string, unknown>;

/**
 * msw handlers for one resource, each replacing the engine's answer for one verb:
 * `invitations.select(resolver)`, `.insert`, `.update`, `.replace`, `.delete`,
 * `.exec(method, resolver)`, `.all`, `.fault(message, status)`, `.mock(engine)`, `.link(baseUrl)`.
 * A resolver returns rows of the client's `Row` (any columns of it: a SELECT may project), a
 * Response, or undefined to leave the answer to the next handler. (The generated modules each say
 * this once, here, rather than in every file.)
 */
export interface ResourceMock<Row extends object = Record<string, unknown>, ExecMethod extends string = string> {
  /** provider.service.resource */
  readonly id: string;
  select(resolver: StackqlResolver<SelectStatement, Rows<Row>>, options?: RequestHandlerOptions): StackqlHandler<SelectStatement>;
  insert(resolver: StackqlResolver<InsertStatement, Rows<Row>>, options?: RequestHandlerOptions): StackqlHandler<InsertStatement>;
  update(resolver: StackqlResolver<UpdateStatement, Rows<Row>>, options?: RequestHandlerOptions): StackqlHandler<UpdateStatement>;
  replace(resolver: StackqlResolver<UpdateStatement, Rows<Row>>, options?: RequestHandlerOptions): StackqlHandler<UpdateStatement>;
  delete(resolver: StackqlResolver<DeleteStatement, Rows<Row>>, options?: RequestHandlerOptions): StackqlHandler<DeleteStatement>;
  exec(method: ExecMethod, resolver: StackqlResolver<ExecStatement, Record<string, unknown>>, options?: RequestHandlerOptions): StackqlHandler<ExecStatement>;
  /** Any statement on this resource. */
  all(resolver: StackqlResolver<Statement, Record<string, unknown>>, options?: RequestHandlerOptions): StackqlHandler<Statement>;
  /** Answers every statement on this resource with `status {"error": message}`. */
  fault(message: string, status?: number, options?: RequestHandlerOptions): StackqlHandler<Statement>;
  /** This resource's statements answered by `engine`, the rest left to other handlers. */
  mock(engine: MockEngine, options?: RequestHandlerOptions): StackqlHandler<Statement>;
  /** The same helpers for a middleware at another base URL. */
  link(baseUrl: string): ResourceMock<Row, ExecMethod>;
}

/**
 * The EXEC methods of a client's `Methods` map, by the names a statement carries (an entry's
 * `name` where the client's member is named otherwise): what `ResourceMock.exec` takes.
 */
export type ExecMethodOf<M> = {
  [K in keyof M]: M[K] extends { verb: 'exec' } ? (M[K] extends { name: infer N extends string } ? N : K & string) : never;
}[keyof M];

export function defineResourceMock<Row extends object = Record<string, unknown>, ExecMethod extends string = string>(
  id: string,
  namespace: StackqlNamespace = anyOrigin,
): ResourceMock<Row, ExecMethod> {
  const ns = namespace;
  return {
    id,
    select: (resolver, options) => ns.select(id, resolver, options),
    insert: (resolver, options) => ns.insert(id, resolver, options),
    update: (resolver, options) => ns.update(id, resolver, options),
    replace: (resolver, options) => ns.replace(id, resolver, options),
    delete: (resolver, options) => ns.delete(id, resolver, options),
    exec: (method, resolver, options) => ns.exec(id, method, resolver, options),
    all: (resolver, options) => ns.statement(id, resolver, options),
    fault: (message, status = 500, options) => ns.statement(id, () => stackqlError(message, status), options),
    mock: (engine, options) => ns.statement(id, async ({ body }) => toHttpResponse(await engine.query(body)), options),
    link: (baseUrl) => defineResourceMock<Row, ExecMethod>(id, ns.link(baseUrl)),
  };
}
