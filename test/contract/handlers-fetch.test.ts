// The contract suites reach the generated msw handlers through handlersFetch (msw's getResponse),
// not through msw's interception of the global fetch: the requests must still be answered by the
// handlers as msw resolves them (method and path matching, first match wins), an unhandled request
// must fail naming it, and nothing global may change while a suite runs.
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handlersFetch } from '../../mocks/contract/handlers-fetch.ts';
import { ContractSession, type MockModule } from '../../mocks/contract/session.ts';
import { contractSettings, MOCK_BASE_URL } from '../../mocks/contract/settings.ts';
import type { ResourceDescriptor } from '../../generator/runtime/resource-client.ts';

const BASE = 'http://stackql.contract.mock';

describe('handlersFetch', () => {
  it('answers through the handlers, as msw resolves them: method and path, first match', async () => {
    const seen: string[] = [];
    const fetch = handlersFetch([
      http.get(`${BASE}/stackql`, () => HttpResponse.text('wrong method')),
      http.post(`${BASE}/other`, () => HttpResponse.text('wrong path')),
      http.post(`${BASE}/stackql`, async ({ request }) => {
        seen.push(`${request.headers.get('content-type')} ${await request.text()}`);
        return HttpResponse.json({ data: [{ a: 1 }] }, { status: 201 });
      }),
      http.post(`${BASE}/stackql`, () => HttpResponse.text('second match')),
    ]);
    const response = await fetch(`${BASE}/stackql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"SELECT 1"}', signal: new AbortController().signal });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ data: [{ a: 1 }] });
    expect(seen).toEqual(['application/json {"query":"SELECT 1"}']);
  });

  it('refuses a request no handler answers, naming it', async () => {
    const fetch = handlersFetch([http.post(`${BASE}/stackql`, () => HttpResponse.json({}))]);
    await expect(fetch('http://elsewhere.test/stackql', { method: 'POST', body: '{}' })).rejects.toThrow(/^no mock handler answers POST http:\/\/elsewhere\.test\/stackql$/);
  });

  it('refuses a request whose signal is already aborted, with the signal\'s reason', async () => {
    const fetch = handlersFetch([http.post(`${BASE}/stackql`, () => HttpResponse.json({}))]);
    const controller = new AbortController();
    controller.abort(new Error('stopped by the caller'));
    await expect(fetch(`${BASE}/stackql`, { method: 'POST', body: '{}', signal: controller.signal })).rejects.toThrow('stopped by the caller');
  });
});

describe('a contract session against the mocks', () => {
  afterEach(() => vi.unstubAllGlobals());

  const resource = {
    id: 'example.svc.things',
    methods: { list: { verb: 'select', sql: 'SELECT name FROM example.svc.things', params: [], required: [] } },
  } as unknown as ResourceDescriptor<any>;

  it('sends the client\'s statements to the generated handlers without the global fetch, and resets their engine', async () => {
    const globalFetch = vi.fn(() => Promise.reject(new Error('the global fetch was used')));
    vi.stubGlobal('fetch', globalFetch);
    const bodies: string[] = [];
    let resets = 0;
    const mocks: MockModule = {
      createHandlers: ({ baseUrl }) =>
        Object.assign(
          [
            http.post(`${baseUrl}/stackql`, async ({ request }) => {
              bodies.push(((await request.json()) as { query: string }).query);
              return HttpResponse.json({ data: [{ name: 'one' }] });
            }),
          ],
          { engine: { reset: () => void resets++ } },
        ),
      resource: async () => undefined,
    };
    const session = new ContractSession(resource, resource.id, contractSettings({}), async () => mocks);
    await session.open();
    session.reset();
    const outcome = await session.send('SELECT name FROM example.svc.things');
    await session.close();
    expect(outcome).toEqual({ statement: 'SELECT name FROM example.svc.things', rows: [{ name: 'one' }] });
    expect(bodies).toEqual(['SELECT name FROM example.svc.things']);
    expect(resets).toBe(1);
    expect(globalFetch).not.toHaveBeenCalled();
    expect(MOCK_BASE_URL).toBe(BASE);
  });
});
