/**
 * `stackql.*`: msw request handlers that match StackQL statements, in the spirit of msw's
 * `graphql.query(name, resolver)`. A handler matches `POST {baseUrl}/stackql` requests whose
 * statement has its verb and names its resource (and, for EXEC, its method); its resolver answers
 * with rows (sent as the middleware's `{data, metadata}`), with a `Response`, or with `undefined`
 * to let the next handler (usually the engine's) answer.
 *
 *   server.use(stackql.select('confluent.iam.invitations', () => [{ id: 'inv-1', email: 'a@b.c' }]))
 *   server.use(stackql.exec('google.cloudidentity.userinvitations', 'send', () => stackqlError('nope', 403)))
 *   worker.use(stackql.link('http://localhost:8080').insert('confluent.iam.invitations', ...))
 *
 * The resolver's rows are sent as they are: no projection, filtering or ORDER BY is applied.
 */
import {
  RequestHandler,
  matchRequestUrl,
  type Match,
  type RequestHandlerOptions,
  type ResponseResolutionContext,
  type ResponseResolver,
} from 'msw';
import type {
  DeleteStatement,
  DescribeStatement,
  ExecStatement,
  InsertStatement,
  SelectStatement,
  ShowStatement,
  Statement,
  UpdateStatement,
} from '../../generator/core/sql/index.ts';
import type { QueryRequest } from '../engine/types.ts';
import { readStackqlRequest, rowsResponse, type ParsedStackqlRequest } from './request.ts';

export type StackqlVerb = Statement['kind'];

/** The statement type for each verb; `'all'` gives any statement. */
export interface StatementByVerb {
  select: SelectStatement;
  insert: InsertStatement;
  update: UpdateStatement;
  replace: UpdateStatement;
  delete: DeleteStatement;
  exec: ExecStatement;
  show: ShowStatement;
  describe: DescribeStatement;
  all: Statement;
}

/** What a resolver gets, besides msw's own `request`, `requestId` and `cookies`. */
export type StackqlResolverExtras<S extends Statement = Statement> = {
  statement: S;
  /** The query exactly as sent (before `params` substitution). */
  query: string;
  params: Record<string, string>;
  /** The query after `params` substitution (as the engine reports it in metadata). */
  renderedQuery: string;
  /** `provider.service.resource` the statement names ('' for SHOW without IN). */
  resource: string;
  /** The EXEC method, else undefined. */
  method?: string | undefined;
  body: QueryRequest;
};

/** A row: any object (generated row interfaces have no index signature). */
type Row = object;

/** Rows to answer with, a Response, or undefined to fall through to the next handler. */
export type StackqlResolverResult<R extends Row = Row> = readonly R[] | Response | undefined | void;

export type StackqlResolver<S extends Statement = Statement, R extends Row = Row> = (
  info: StackqlResolverExtras<S> & { request: Request; requestId: string; cookies: Record<string, string> },
) => StackqlResolverResult<R> | Promise<StackqlResolverResult<R>>;

/** A resource id (case-insensitive; `*` matches any run of characters), a RegExp, or a predicate. */
export type TargetMatcher = string | RegExp | ((resource: string) => boolean);

export interface StackqlHandlerInfo {
  header: string;
  verb: StackqlVerb | 'all';
  target: TargetMatcher;
  method?: string | undefined;
  endpoint: string;
}

interface StackqlParsedResult extends ParsedStackqlRequest {
  match: Match;
  cookies: Record<string, string>;
}

/** One msw handler for one verb on one resource (pattern). */
export class StackqlHandler<S extends Statement = Statement> extends RequestHandler<
  StackqlHandlerInfo,
  StackqlParsedResult,
  StackqlResolverExtras<S> & { cookies: Record<string, string> }
> {
  readonly endpoint: string;
  readonly #matchTarget: (resource: string) => boolean;
  readonly #method?: string | undefined;

  constructor(
    verb: StackqlVerb | 'all',
    target: TargetMatcher,
    method: string | undefined,
    endpoint: string,
    resolver: StackqlResolver<S, any>,
    options?: RequestHandlerOptions,
  ) {
    const shown = typeof target === 'function' ? '[custom predicate]' : String(target);
    super({
      info: {
        header: `stackql ${verb} ${shown}${method ? `.${method}` : ''} (endpoint: ${endpoint})`,
        verb,
        target,
        ...(method === undefined ? {} : { method }),
        endpoint,
      },
      resolver: wrapResolver(resolver) as ResponseResolver<any, any, any>,
      ...(options === undefined ? {} : { options }),
    });
    this.endpoint = endpoint;
    this.#matchTarget = targetMatcher(target);
    this.#method = method?.toLowerCase();
  }

  override async parse(args: { request: Request; resolutionContext?: ResponseResolutionContext }): Promise<StackqlParsedResult> {
    const match = matchRequestUrl(new URL(args.request.url), this.endpoint, args.resolutionContext?.baseUrl);
    const cookies = readCookies(args.request);
    if (!match.matches || args.request.method !== 'POST') return { match, cookies };
    return { match, cookies, ...(await readStackqlRequest(args.request)) };
  }

  predicate(args: { request: Request; parsedResult: StackqlParsedResult }): boolean {
    const { match, statement } = args.parsedResult;
    if (!match.matches || !statement || args.request.method !== 'POST') return false;
    if (this.info.verb !== 'all' && statement.kind !== this.info.verb) return false;
    const { resource, method } = statementTarget(statement);
    if (this.#method !== undefined && method?.toLowerCase() !== this.#method) return false;
    return this.#matchTarget(resource);
  }

  protected override extendResolverArgs(args: { request: Request; parsedResult: StackqlParsedResult }) {
    const { statement, body, renderedQuery, cookies } = args.parsedResult;
    const { resource, method } = statementTarget(statement!);
    return {
      statement: statement as S,
      query: body!.query,
      params: body!.params ?? {},
      renderedQuery: renderedQuery!,
      resource,
      method,
      body: body!,
      cookies,
    };
  }

  log(args: { request: Request; response: Response; parsedResult: StackqlParsedResult }): void {
    const { statement } = args.parsedResult;
    const what = statement ? `${statement.kind} ${statementTarget(statement).resource}` : 'statement';
    console.groupCollapsed(`[MSW] stackql ${what} (${args.response.status} ${args.response.statusText})`);
    console.log('Request:', args.parsedResult.body);
    console.log('Handler:', this);
    console.log('Response:', args.response);
    console.groupEnd();
  }
}

/** `provider.service.resource` and the EXEC method a statement names. */
export function statementTarget(statement: Statement): { resource: string; method?: string | undefined } {
  switch (statement.kind) {
    case 'exec': {
      const parts = statement.target.parts;
      return { resource: parts.slice(0, -1).join('.'), method: parts[parts.length - 1] };
    }
    case 'show':
      return { resource: statement.in?.parts.join('.') ?? '' };
    case 'describe': {
      const parts = statement.target.parts;
      return statement.method
        ? { resource: parts.slice(0, -1).join('.'), method: parts[parts.length - 1] }
        : { resource: parts.join('.') };
    }
    default:
      return { resource: statement.target.parts.join('.') };
  }
}

function targetMatcher(target: TargetMatcher): (resource: string) => boolean {
  if (typeof target === 'function') return target;
  if (target instanceof RegExp) return (r) => target.test(r);
  const wanted = target.trim().toLowerCase();
  if (wanted === '*' || wanted === '') return () => true;
  if (!wanted.includes('*')) return (r) => r.toLowerCase() === wanted;
  const pattern = new RegExp(`^${wanted.split('*').map(escapeRegExp).join('.*')}$`, 'i');
  return (r) => pattern.test(r);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readCookies(request: Request): Record<string, string> {
  const header = request.headers.get('cookie');
  if (!header) return {};
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

/** The user's resolver, with rows turned into the middleware's answer. */
function wrapResolver(resolver: StackqlResolver<any, any>) {
  return async (info: Parameters<StackqlResolver>[0]): Promise<Response | undefined> => {
    const startedAt = Date.now();
    const result = await resolver(info);
    if (result === undefined || result === null) return undefined;
    if (result instanceof Response) return result;
    if (Array.isArray(result)) return rowsResponse(result as Record<string, unknown>[], info.body, startedAt);
    throw new TypeError(
      `a stackql resolver must return an array of rows, a Response or undefined; got ${typeof result}`,
    );
  };
}

/** Joins a base URL and a route; `'*'` (the default) matches any origin. */
export function endpointFor(baseUrl: string | undefined, route: string): string {
  const base = (baseUrl ?? '*').replace(/\/+$/, '');
  return `${base}${route}`;
}

export interface StackqlNamespace {
  /** The base URL these handlers match: '*' for any origin. */
  readonly baseUrl: string;
  select<R extends Row = Row>(target: TargetMatcher, resolver: StackqlResolver<SelectStatement, R>, options?: RequestHandlerOptions): StackqlHandler<SelectStatement>;
  insert<R extends Row = Row>(target: TargetMatcher, resolver: StackqlResolver<InsertStatement, R>, options?: RequestHandlerOptions): StackqlHandler<InsertStatement>;
  update<R extends Row = Row>(target: TargetMatcher, resolver: StackqlResolver<UpdateStatement, R>, options?: RequestHandlerOptions): StackqlHandler<UpdateStatement>;
  replace<R extends Row = Row>(target: TargetMatcher, resolver: StackqlResolver<UpdateStatement, R>, options?: RequestHandlerOptions): StackqlHandler<UpdateStatement>;
  delete<R extends Row = Row>(target: TargetMatcher, resolver: StackqlResolver<DeleteStatement, R>, options?: RequestHandlerOptions): StackqlHandler<DeleteStatement>;
  /** `exec(resource, method, resolver)`, `exec(resource, resolver)` (any method) or `exec('p.s.r.method', resolver)`. */
  exec<R extends Row = Row>(target: TargetMatcher, method: string, resolver: StackqlResolver<ExecStatement, R>, options?: RequestHandlerOptions): StackqlHandler<ExecStatement>;
  exec<R extends Row = Row>(target: TargetMatcher, resolver: StackqlResolver<ExecStatement, R>, options?: RequestHandlerOptions): StackqlHandler<ExecStatement>;
  show<R extends Row = Row>(resolver: StackqlResolver<ShowStatement, R>, options?: RequestHandlerOptions): StackqlHandler<ShowStatement>;
  describe<R extends Row = Row>(target: TargetMatcher, resolver: StackqlResolver<DescribeStatement, R>, options?: RequestHandlerOptions): StackqlHandler<DescribeStatement>;
  /** Any statement on `target` (`'*'`: any statement at all). */
  statement<R extends Row = Row>(target: TargetMatcher, resolver: StackqlResolver<Statement, R>, options?: RequestHandlerOptions): StackqlHandler<Statement>;
  /** The same handlers for a middleware at another base URL, like msw's `graphql.link`. */
  link(baseUrl: string): StackqlNamespace;
}

export function createStackqlNamespace(baseUrl = '*'): StackqlNamespace {
  const endpoint = endpointFor(baseUrl, '/stackql');
  const make =
    <V extends Exclude<StackqlVerb, 'exec' | 'show'> | 'all'>(verb: V) =>
    (target: TargetMatcher, resolver: StackqlResolver<any, any>, options?: RequestHandlerOptions) =>
      new StackqlHandler<StatementByVerb[V]>(verb, target, undefined, endpoint, resolver, options);
  return {
    baseUrl,
    select: make('select'),
    insert: make('insert'),
    update: make('update'),
    replace: make('replace'),
    delete: make('delete'),
    describe: make('describe'),
    statement: make('all'),
    show: (resolver: StackqlResolver<any, any>, options?: RequestHandlerOptions) =>
      new StackqlHandler<ShowStatement>('show', '*', undefined, endpoint, resolver, options),
    exec(target: TargetMatcher, methodOrResolver: string | StackqlResolver<any, any>, resolverOrOptions?: any, maybeOptions?: RequestHandlerOptions) {
      let method: string | undefined;
      let resolver: StackqlResolver<any, any>;
      let options: RequestHandlerOptions | undefined;
      if (typeof methodOrResolver === 'function') {
        resolver = methodOrResolver;
        options = resolverOrOptions;
        if (typeof target === 'string' && target.split('.').length === 4) {
          const parts = target.split('.');
          method = parts.pop();
          target = parts.join('.');
        }
      } else {
        method = methodOrResolver;
        resolver = resolverOrOptions;
        options = maybeOptions;
      }
      if (typeof resolver !== 'function') throw new TypeError('stackql.exec needs a resolver function');
      return new StackqlHandler<ExecStatement>('exec', target, method, endpoint, resolver, options);
    },
    link: (other: string) => createStackqlNamespace(other),
  } as StackqlNamespace;
}

/** Handlers for a middleware at any origin, path /stackql. */
export const stackql: StackqlNamespace = createStackqlNamespace('*');
