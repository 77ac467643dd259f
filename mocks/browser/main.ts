/**
 * The mock in a real browser: the generated clients' runtime (createClient + createHttpTransport)
 * sends statements with fetch; msw's service worker intercepts them and the engine, running in
 * this page, answers. Bundled with esbuild (see bundle.ts); served next to msw's
 * mockServiceWorker.js, sql.js's sql-wasm.wasm and a model.json.
 *
 * The page runs one scenario on the reference resources and writes each result as JSON into the
 * DOM (and `window.__stackqlMock`), then sets #status to `done` (or `error: ...`).
 */
import { setupWorker } from 'msw/browser';
import type { Model } from '../../generator/core/model.ts';
import { createClient, createHttpTransport, renderInsert, renderSelect } from '../../generator/runtime/index.ts';
import { createMockEngine } from '../engine/index.ts';
import { createStackqlHandlers, stackql } from '../msw/index.ts';

declare global {
  interface Window {
    __stackqlMock?: Record<string, unknown>;
  }
}

const results: Record<string, unknown> = {};

function show(id: string, value: unknown): void {
  results[id] = value;
  const el = document.getElementById(id);
  if (el) el.textContent = JSON.stringify(value, null, 2);
}

function setStatus(text: string): void {
  const el = document.getElementById('status')!;
  el.textContent = text;
  el.dataset.state = text.startsWith('error') ? 'error' : text;
  window.__stackqlMock = results;
}

async function main(): Promise<void> {
  const model = (await (await fetch(new URL('./model.json', location.href))).json()) as Model;
  const engine = createMockEngine({ model, seed: 1, locateSqlWasm: (file) => new URL(file, location.href).href });
  // A path no static server answers: a request that gets past the worker fails loudly.
  const baseUrl = new URL('/stackql-mock', location.href).href;
  const worker = setupWorker(...createStackqlHandlers(engine, { baseUrl }));
  await worker.start({ serviceWorker: { url: new URL('./mockServiceWorker.js', location.href).pathname }, onUnhandledRequest: 'bypass', quiet: true });

  const client = createClient({ transport: createHttpTransport({ baseUrl }) });
  const target = 'confluent.iam.invitations';
  const select = renderSelect({ target, columns: ['id', 'email'], where: {} });
  show('select', await client.run(select));

  const email = 'browser.user@example.com';
  show('insert', await client.run(renderInsert({ target, values: [['data__email', email]] })));
  show('roundtrip', await client.run(renderSelect({ target, columns: ['id', 'email'], where: { email } })));

  worker.use(stackql.link(baseUrl).select(target, () => [{ id: 'from-override', email: 'override@example.com' }]));
  show('override', await client.run(select));
  worker.resetHandlers();
  show('restored', await client.run(renderSelect({ target, columns: ['email'], where: { email } })));
}

main().then(
  () => setStatus('done'),
  (error: unknown) => {
    console.error(error);
    setStatus(`error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  },
);
