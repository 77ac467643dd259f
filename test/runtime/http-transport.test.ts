/**
 * The HTTP transport against a real HTTP server on 127.0.0.1. Each scenario has its own path
 * prefix, used as the transport's baseUrl, so the server knows what to answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  StackQLAbortError,
  StackQLError,
  StackQLHttpError,
  StackQLNetworkError,
  StackQLProtocolError,
  StackQLTimeoutError,
  createClient,
  createHttpTransport,
} from '../../generator/runtime/index.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let received: Received[] = [];
const pending = new Set<NodeJS.Timeout>();

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

const METADATA = {
  operation: { startTime: '2024-01-01T00:00:00Z', endTime: '2024-01-01T00:00:01Z', duration: '1s', status: 'OK' },
  result: { rowCount: 2 },
  request: { query: 'SELECT 1' },
};

function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
  const scenario = (req.url ?? '').split('/')[1];
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      pending.delete(timer);
      fn();
    }, ms);
    pending.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      pending.delete(timer);
    });
  };
  switch (scenario) {
    case 'ok':
      return send(res, 200, JSON.stringify({ data: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }], metadata: METADATA }));
    case 'echo':
      return send(res, 200, JSON.stringify({ data: [JSON.parse(body)] }));
    case 'nullData':
      return send(res, 200, JSON.stringify({ data: null }));
    case 'bad':
      return send(res, 400, JSON.stringify({ error: 'query cannot be executed, missing required parameters: { id }' }));
    case 'strict':
      return send(res, 405, JSON.stringify({ error: 'statement type not allowed: INSERT' }));
    case 'html502':
      return send(res, 502, '<html><body>Bad Gateway</body></html>', 'text/html');
    case 'notJson':
      return send(res, 200, 'this is not json', 'text/plain');
    case 'neither':
      return send(res, 200, JSON.stringify({ rows: [] }));
    case 'badRows':
      return send(res, 200, JSON.stringify({ data: [1, 2] }));
    case 'slow':
      return later(1000, () => send(res, 200, JSON.stringify({ data: [] })));
    case 'slowBody':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
      return later(1000, () => res.end(']}'));
    default:
      return send(res, 404, JSON.stringify({ error: `no scenario ${scenario}` }));
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const timer of pending) clearTimeout(timer);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

async function failure(promise: Promise<unknown>): Promise<StackQLError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StackQLError);
    return error as StackQLError;
  }
  throw new Error('expected the request to fail');
}

describe('createHttpTransport against a real server', () => {
  it('posts the query as JSON to {baseUrl}/stackql and returns rows and metadata', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/ok`, headers: { authorization: 'Bearer t' } });
    const result = await transport.execute("SELECT id FROM p.s.r WHERE x = 'O''Brien';");

    expect(result).toEqual({ data: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }], metadata: METADATA });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/ok/stackql');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers.authorization).toBe('Bearer t');
    expect(JSON.parse(request.body)).toEqual({ query: "SELECT id FROM p.s.r WHERE x = 'O''Brien';", showMetadata: true });
  });

  it('sends showMetadata as configured, params only when given, and tolerates a trailing slash', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/echo/`, showMetadata: false });
    const plain = await transport.execute('SHOW PROVIDERS;');
    expect(plain.data).toEqual([{ query: 'SHOW PROVIDERS;', showMetadata: false }]);
    expect(plain.metadata).toBeUndefined();
    const withParams = await transport.execute("SELECT * FROM p.s.r WHERE id = '$id';", { params: { id: 'x' } });
    expect(withParams.data).toEqual([
      { query: "SELECT * FROM p.s.r WHERE id = '$id';", showMetadata: false, params: { id: 'x' } },
    ]);
    expect(received.map((r) => r.url)).toEqual(['/echo/stackql', '/echo/stackql']);
  });

  it('never lets a caller override the content type', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/echo`, headers: { 'Content-Type': 'text/plain' } });
    await transport.execute('SELECT 1;');
    expect(received[0].headers['content-type']).toBe('application/json');
  });

  it('reads {"data": null} as no rows', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/nullData` });
    expect(await transport.execute('SELECT 1;')).toEqual({ data: [] });
  });

  it('turns a 400 {error} into StackQLHttpError with the server message', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/bad` });
    const error = await failure(transport.execute('SELECT * FROM p.s.r;'));
    expect(error).toBeInstanceOf(StackQLHttpError);
    const http = error as StackQLHttpError;
    expect(http.name).toBe('StackQLHttpError');
    expect(http.status).toBe(400);
    expect(http.serverMessage).toBe('query cannot be executed, missing required parameters: { id }');
    expect(http.body).toEqual({ error: 'query cannot be executed, missing required parameters: { id }' });
    expect(http.query).toBe('SELECT * FROM p.s.r;');
    expect(http.message).toBe('StackQL server answered 400: query cannot be executed, missing required parameters: { id }');
  });

  it('turns a 405 into StackQLHttpError with status 405', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/strict` });
    const error = await failure(transport.execute("INSERT INTO p.s.r (a)\nSELECT 'x';"));
    expect(error).toBeInstanceOf(StackQLHttpError);
    expect((error as StackQLHttpError).status).toBe(405);
    expect((error as StackQLHttpError).serverMessage).toBe('statement type not allowed: INSERT');
  });

  it('turns a non-JSON error page into StackQLHttpError carrying the text', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/html502` });
    const error = (await failure(transport.execute('SELECT 1;'))) as StackQLHttpError;
    expect(error).toBeInstanceOf(StackQLHttpError);
    expect(error.status).toBe(502);
    expect(error.serverMessage).toBe('<html><body>Bad Gateway</body></html>');
    expect(error.body).toBe('<html><body>Bad Gateway</body></html>');
  });

  it('turns a non-JSON 200 into StackQLProtocolError', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/notJson` });
    const error = await failure(transport.execute('SELECT 1;'));
    expect(error).toBeInstanceOf(StackQLProtocolError);
    expect(error.name).toBe('StackQLProtocolError');
    expect(error.message).toMatch(/not JSON: this is not json/);
    expect((error as StackQLProtocolError).body).toBe('this is not json');
  });

  it('turns JSON with neither data nor error, or rows that are not objects, into StackQLProtocolError', async () => {
    const neither = await failure(createHttpTransport({ baseUrl: `${base}/neither` }).execute('SELECT 1;'));
    expect(neither).toBeInstanceOf(StackQLProtocolError);
    expect(neither.message).toMatch(/neither "data" nor "error"/);
    const badRows = await failure(createHttpTransport({ baseUrl: `${base}/badRows` }).execute('SELECT 1;'));
    expect(badRows).toBeInstanceOf(StackQLProtocolError);
    expect(badRows.message).toMatch(/array of row objects/);
  });

  it('turns a refused connection into StackQLNetworkError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${port}` });
    const error = await failure(transport.execute('SELECT 1;'));
    expect(error).toBeInstanceOf(StackQLNetworkError);
    expect(error.name).toBe('StackQLNetworkError');
    expect(error.message).toContain(`http://127.0.0.1:${port}/stackql`);
    expect(error.cause).toBeDefined();
    expect(error.query).toBe('SELECT 1;');
  });

  it('turns a slow answer into StackQLTimeoutError', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/slow`, timeoutMs: 100 });
    const error = await failure(transport.execute('SELECT 1;'));
    expect(error).toBeInstanceOf(StackQLTimeoutError);
    expect((error as StackQLTimeoutError).timeoutMs).toBe(100);
    expect(error.message).toBe('StackQL request timed out after 100 ms');
  });

  it('times out a body that stops halfway too', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/slowBody`, timeoutMs: 100 });
    const error = await failure(transport.execute('SELECT 1;'));
    expect(error).toBeInstanceOf(StackQLTimeoutError);
  });

  it("turns the caller's abort into StackQLAbortError", async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/slow`, timeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(transport.execute('SELECT 1;', { signal: controller.signal }));
    expect(error).toBeInstanceOf(StackQLAbortError);
    expect(error.name).toBe('StackQLAbortError');
  });

  it('does not send anything when the signal is already aborted', async () => {
    const transport = createHttpTransport({ baseUrl: `${base}/ok` });
    const error = await failure(transport.execute('SELECT 1;', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(StackQLAbortError);
    expect(received).toHaveLength(0);
  });

  it('works through createClient', async () => {
    const client = createClient({ transport: createHttpTransport({ baseUrl: `${base}/ok` }) });
    const rows = await client.run<{ id: string; n: number }>('SELECT id, n FROM p.s.r;');
    expect(rows.map((row) => row.id)).toEqual(['a', 'b']);
    const result = await client.execute('SELECT id, n FROM p.s.r;');
    expect(result.metadata?.result?.rowCount).toBe(2);
  });
});

describe('createHttpTransport housekeeping (injected fetch)', () => {
  const okResponse = () => new Response(JSON.stringify({ data: [] }), { status: 200 });

  it('clears its timer and its abort listener once the request is done', async () => {
    const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
    const controller = new AbortController();
    const removeSpy = vi.spyOn(controller.signal, 'removeEventListener');
    try {
      const transport = createHttpTransport({ baseUrl: 'http://stackql.invalid', fetch: async () => okResponse() });
      await transport.execute('SELECT 1;', { signal: controller.signal });
      expect(clearSpy).toHaveBeenCalled();
      expect(removeSpy).toHaveBeenCalledWith('abort', expect.any(Function));
    } finally {
      clearSpy.mockRestore();
      removeSpy.mockRestore();
    }
  });

  it('still times out when the fetch implementation ignores the signal', async () => {
    const transport = createHttpTransport({
      baseUrl: 'http://stackql.invalid',
      timeoutMs: 50,
      fetch: () => new Promise<Response>(() => {}),
    });
    expect(await failure(transport.execute('SELECT 1;'))).toBeInstanceOf(StackQLTimeoutError);
  });

  it('looks up the global fetch on each request, so interceptors installed later see it', async () => {
    const transport = createHttpTransport({ baseUrl: 'http://stackql.invalid' });
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => okResponse());
    try {
      await transport.execute('SELECT 1;');
      expect(spy).toHaveBeenCalledWith('http://stackql.invalid/stackql', expect.objectContaining({ method: 'POST' }));
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a nonsensical timeout up front', () => {
    expect(() => createHttpTransport({ baseUrl: 'http://x', timeoutMs: 0 })).toThrow(TypeError);
    expect(() => createHttpTransport({ baseUrl: 'http://x', timeoutMs: Number.NaN })).toThrow(TypeError);
  });
});
