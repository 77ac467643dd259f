/**
 * The mock in a real browser, for any model: the user picks a provider, service, resource and
 * method; the page loads that resource's chunk (loader.ts: never the whole model), offers the
 * method's statements (statements.ts), and runs the one in the editor with the generated clients'
 * runtime (createClient + createHttpTransport). Its fetch goes through msw's service worker to the
 * engine running in this page, which keeps state across statements and resources.
 *
 * `#provider.service.resource[/method]` in the URL picks on load; `?seed=n` seeds the data. The
 * page's status is `#status[data-state]`: loading, ready, running, done, error. In the console,
 * `__stackqlMock` holds the engine, worker, client and msw's `stackql` helpers.
 */
import { setupWorker } from 'msw/browser';
import { MODEL_VERSION, type Method, type Model, type Resource } from '../../generator/core/model.ts';
import { createClient, createHttpTransport, StackQLHttpError } from '../../generator/runtime/index.ts';
import { createMockEngine } from '../engine/index.ts';
import { createStackqlHandlers, stackql } from '../msw/index.ts';
import { ResourceLoader } from './loader.ts';
import { methodStatements, type MethodStatement } from './statements.ts';

declare global {
  interface Window {
    __stackqlMock?: Record<string, unknown>;
  }
}

/** More rows than this are counted, not drawn. */
const MAX_ROWS_SHOWN = 500;

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const providerSelect = el<HTMLSelectElement>('provider');
const serviceSelect = el<HTMLSelectElement>('service');
const resourceSelect = el<HTMLSelectElement>('resource');
const methodSelect = el<HTMLSelectElement>('method');
const choiceSelect = el<HTMLSelectElement>('statement-choice');
const editor = el<HTMLTextAreaElement>('statement');

function setStatus(state: 'loading' | 'ready' | 'running' | 'done' | 'error', text: string = state): void {
  const status = el('status');
  status.dataset.state = state;
  status.textContent = text;
}

function showError(message: string): void {
  el('error').textContent = message;
  setStatus('error', 'error');
}

function fill(select: HTMLSelectElement, options: Array<{ value: string; label: string }>, selected?: string): void {
  select.replaceChildren(...options.map((o) => new Option(o.label, o.value, false, o.value === selected)));
  if (selected === undefined || !options.some((o) => o.value === selected)) select.selectedIndex = options.length > 0 ? 0 : -1;
}

const sorted = (names: Iterable<string>) => [...names].sort();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function showRows(rows: Array<Record<string, unknown>>): void {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push(key);
    }
  }
  const head = document.createElement('tr');
  for (const c of columns) head.append(Object.assign(document.createElement('th'), { textContent: c }));
  const table = el<HTMLTableElement>('rows');
  table.tHead!.replaceChildren(...(columns.length > 0 ? [head] : []));
  table.tBodies[0].replaceChildren(
    ...rows.slice(0, MAX_ROWS_SHOWN).map((row) => {
      const tr = document.createElement('tr');
      for (const c of columns) {
        const text = c in row ? cellText(row[c]) : '';
        tr.append(Object.assign(document.createElement('td'), { textContent: text, title: text }));
      }
      return tr;
    }),
  );
  const more = rows.length > MAX_ROWS_SHOWN ? ` (the first ${MAX_ROWS_SHOWN} shown)` : '';
  el('result-summary').textContent = `${rows.length} row${rows.length === 1 ? '' : 's'}${more}`;
}

async function main(): Promise<void> {
  const base = new URL('./', location.href);
  const seed = Number(new URLSearchParams(location.search).get('seed') ?? 1);
  const empty: Model = { version: MODEL_VERSION, resources: [], diagnostics: [], summary: { pages: 0, resources: 0, skipped: {}, methods: 0, examples: 0 } };
  const engine = createMockEngine({ model: empty, seed, locateSqlWasm: (file) => new URL(file, base).href });
  // A path no static server answers: a request that gets past the worker fails loudly.
  const baseUrl = new URL('/stackql-mock', location.href).href;
  const worker = setupWorker(...createStackqlHandlers(engine, { baseUrl }));
  await worker.start({ serviceWorker: { url: new URL('./mockServiceWorker.js', base).pathname }, onUnhandledRequest: 'bypass', quiet: true });
  const client = createClient({ transport: createHttpTransport({ baseUrl }) });
  const loader = await ResourceLoader.open(base, engine);
  const { tree } = loader.index;

  let resource: Resource | undefined;
  let offered: MethodStatement[] = [];

  const summarize = () => {
    const codes = Object.entries(loader.index.diagnostics).map(([code, n]) => `${code} ×${n}`);
    el('summary').textContent =
      `${loader.index.resources} resources in ${Object.keys(tree).length} provider(s), a ${kb(loader.index.modelBytes)} model; ` +
      `this page has fetched ${kb(loader.bytes)}: the index and ${loader.loadedCount} resource(s). Seed ${seed}.` +
      (codes.length > 0 ? ` Diagnostics from reading the docs: ${codes.join(', ')}.` : '');
  };

  const pickStatement = () => {
    editor.value = offered[Number(choiceSelect.value)]?.sql ?? '';
    editor.rows = Math.min(24, Math.max(6, editor.value.split('\n').length + 1));
  };

  const pickMethod = () => {
    const method: Method | undefined = resource?.methods[Number(methodSelect.value)];
    if (!resource || !method) return;
    const params = method.requiredParams.length > 0 ? method.requiredParams.join(', ') : 'none';
    el('method-info').textContent = `${method.verb.toUpperCase()}; required: ${params}. ${method.description}`;
    const { statements, skipped } = methodStatements(resource, method);
    offered = statements;
    fill(choiceSelect, statements.map((s, i) => ({ value: String(i), label: s.label })));
    el('skipped').replaceChildren(...skipped.map((text) => Object.assign(document.createElement('li'), { textContent: `not offered: ${text}` })));
    pickStatement();
    history.replaceState(null, '', `#${resource.id}/${method.name}`);
  };

  const pickResource = async (methodName?: string) => {
    const n = tree[providerSelect.value]?.[serviceSelect.value]?.[resourceSelect.value];
    if (n === undefined) {
      setStatus('ready', 'no resource here');
      return;
    }
    setStatus('loading', `loading ${providerSelect.value}.${serviceSelect.value}.${resourceSelect.value}`);
    resource = await loader.load(n);
    summarize();
    // Duplicate rows of a Methods table stay listed, marked, as the docs have them.
    const options = resource.methods.map((m, i) => ({ value: String(i), label: `${m.name} (${m.verb.toUpperCase()})${m.duplicate ? ' (duplicate row)' : ''}` }));
    const wanted = resource.methods.findIndex((m) => m.name === methodName);
    const firstSelect = resource.methods.findIndex((m) => m.verb === 'select');
    fill(methodSelect, options, String(wanted >= 0 ? wanted : Math.max(firstSelect, 0)));
    pickMethod();
    setStatus('ready', 'ready');
  };

  const pickService = (name?: string, method?: string) => {
    fill(resourceSelect, sorted(Object.keys(tree[providerSelect.value]?.[serviceSelect.value] ?? {})).map((r) => ({ value: r, label: r })), name);
    return pickResource(method);
  };
  const pickProvider = (service?: string, name?: string, method?: string) => {
    fill(serviceSelect, sorted(Object.keys(tree[providerSelect.value] ?? {})).map((s) => ({ value: s, label: s })), service);
    return pickService(name, method);
  };

  const guarded = (action: () => Promise<void> | void) => () => {
    el('error').textContent = '';
    Promise.resolve()
      .then(action)
      .catch((error: unknown) => showError(error instanceof Error ? error.message : String(error)));
  };
  providerSelect.addEventListener('change', guarded(() => pickProvider()));
  serviceSelect.addEventListener('change', guarded(() => pickService()));
  resourceSelect.addEventListener('change', guarded(() => pickResource()));
  methodSelect.addEventListener('change', guarded(pickMethod));
  choiceSelect.addEventListener('change', guarded(pickStatement));
  el('reset').addEventListener(
    'click',
    guarded(() => {
      engine.reset();
      setStatus('ready', 'the mock is back to its seeded state');
    }),
  );
  el('run').addEventListener(
    'click',
    guarded(async () => {
      setStatus('running');
      try {
        const rows = await client.run(editor.value);
        showRows(rows);
        setStatus('done', `done: ${rows.length} row${rows.length === 1 ? '' : 's'}`);
      } catch (error) {
        showRows([]);
        el('result-summary').textContent = '';
        if (error instanceof StackQLHttpError) showError(`${error.status}: ${error.serverMessage}`);
        else throw error;
      }
    }),
  );

  window.__stackqlMock = { engine, worker, client, stackql, baseUrl, loader };
  fill(providerSelect, sorted(Object.keys(tree)).map((p) => ({ value: p, label: p })));
  const [id, method] = decodeURIComponent(location.hash.slice(1)).split('/');
  const wanted = id ? /^([^.]+)\.([^.]+)\.(.+)$/.exec(id) : null;
  summarize();
  if (Object.keys(tree).length === 0) {
    setStatus('ready', 'the model has no resources');
    return;
  }
  if (wanted && tree[wanted[1]]) providerSelect.value = wanted[1];
  await pickProvider(wanted?.[2], wanted?.[3], method);
}

main().catch((error: unknown) => {
  console.error(error);
  showError(`the page could not start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
});
