/**
 * A `fetch` answered by msw request handlers directly: the request goes through msw's own handler
 * resolution (`getResponse`: each handler's method and path matching, then its resolver), as
 * `setupServer` would run it, without msw's interception of the global fetch (the interceptor's
 * copy of the request and of the response, its events and its cookie store). The contract suites
 * send the generated client's requests to the generated handlers this way: the client builds the
 * same `Request` (method, headers, JSON body) and reads the same `Response` as over the network,
 * and nothing global is patched, so a suite has no server to start or stop and no other code of
 * the worker sees its requests.
 */
import { getResponse } from 'msw';

export type RequestHandler = Parameters<typeof getResponse>[0][number];

/**
 * `fetch(input, init)` → the first handler's answer. A request no handler answers is an error
 * naming it (as `onUnhandledRequest: 'error'` makes it for a server). The signal is not handed to
 * the handlers (they answer in process); an already aborted one refuses the request.
 */
export function handlersFetch(handlers: readonly RequestHandler[]): typeof globalThis.fetch {
  const list = [...handlers];
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (init?.signal?.aborted) throw init.signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
    let request: Request;
    if (init === undefined) request = input instanceof Request ? input : new Request(input);
    else {
      const { signal: _signal, ...rest } = init;
      request = new Request(input, rest);
    }
    const response = await getResponse(list, request);
    if (response === undefined) throw new TypeError(`no mock handler answers ${request.method} ${request.url}`);
    return response;
  };
}
