/**
 * The middleware's routes as msw handlers. Each only translates a fetch Request to
 * `engine.handle(method, path, body)` and the answer back: the semantics live in the engine, once,
 * shared with the standalone server.
 */
import { http, type HttpHandler, type HttpResponseResolver } from 'msw';
import type { MockEngine } from '../engine/types.ts';
import { toHttpResponse } from './request.ts';
import { endpointFor } from './stackql.ts';

export interface StackqlHandlersOptions {
  /**
   * Where the middleware is, e.g. 'http://localhost:8080' or, in a browser, '/api'. Default '*':
   * any origin (the routes are then matched by their path alone).
   */
  baseUrl?: string | undefined;
  /** Also serve the engine's control routes under /__mock/ (reset, state, latency, faults). Default true. */
  control?: boolean;
}

/** The routes the middleware answers, as msw path patterns relative to the base URL. */
export const MIDDLEWARE_ROUTES = [
  { method: 'POST', path: '/stackql' },
  { method: 'GET', path: '/providers' },
  { method: 'GET', path: '/providers/:provider/services' },
  { method: 'GET', path: '/providers/:provider/services/:service/resources' },
  { method: 'GET', path: '/providers/:provider/services/:service/resources/:resource' },
  { method: 'GET', path: '/providers/:provider/services/:service/resources/:resource/methods' },
  { method: 'GET', path: '/health' },
] as const;

export function createStackqlHandlers(engine: MockEngine, options: StackqlHandlersOptions = {}): HttpHandler[] {
  const baseUrl = options.baseUrl ?? '*';
  const prefix = basePath(baseUrl);

  const delegate =
    (root: string): HttpResponseResolver =>
    async ({ request }) => {
      const url = new URL(request.url);
      const path = enginePath(url.pathname, prefix, root);
      const rawBody = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
      return toHttpResponse(await engine.handle(request.method, path + url.search, rawBody));
    };

  const handlers: HttpHandler[] = MIDDLEWARE_ROUTES.map(({ method, path }) => {
    const root = `/${path.split('/')[1]}`;
    const endpoint = endpointFor(baseUrl, path);
    return method === 'POST' ? http.post(endpoint, delegate(root)) : http.get(endpoint, delegate(root));
  });
  if (options.control ?? true) handlers.push(http.all(endpointFor(baseUrl, '/__mock/*'), delegate('/__mock')));
  return handlers;
}

/** The path part of a base URL ('' for '*' and bare origins), without a trailing slash. */
function basePath(baseUrl: string): string | undefined {
  if (baseUrl.startsWith('*')) return undefined; // any prefix: found per request
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl)) return new URL(baseUrl).pathname.replace(/\/+$/, '');
  return baseUrl.replace(/\/+$/, '');
}

/** The request path as the engine knows it: without the base URL's path. */
function enginePath(pathname: string, prefix: string | undefined, root: string): string {
  if (prefix !== undefined) return pathname.startsWith(prefix) ? pathname.slice(prefix.length) || '/' : pathname;
  // '*' base: the route starts at the last occurrence of its first segment that leaves a route.
  const at = root === '/stackql' || root === '/health' ? pathname.lastIndexOf(root) : pathname.indexOf(`${root}`);
  return at >= 0 ? pathname.slice(at) : pathname;
}
