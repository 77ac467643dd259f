/**
 * The generated mocks in a real browser (headless Chromium): a page bundled with esbuild from one
 * service's entry (`mocks/google/cloudidentity/index.ts`, as an app would import it), served with
 * the emitted folder. The entry's `new URL('../../../model.json', import.meta.url)` names the model
 * file; the page reads google.cloudidentity's resources with one Range request for their bytes
 * (206), or, from a server without Range support, out of the whole file (200) with one warning. Its
 * rows must be those of an engine given the whole model in this process.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitAll } from '../../generator/emit/index.ts';
import type { ModelIndexFile } from '../../mocks/engine/model-index.ts';
import { serveStatic } from '../../mocks/browser/bundle.ts';
import { methodStatements } from '../../mocks/browser/statements.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { docsModel, ROOT } from '../helpers/model.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

const model = docsModel();
const GOOGLE = model.resources.find((r) => r.id === 'google.cloudidentity.userinvitations')!;
const QUERY = methodStatements(GOOGLE, GOOGLE.methods.find((m) => m.name === 'list')!).statements[0]!.sql;
const PAGE = 'mocks/google/cloudidentity/range-page';

/** The page: one service's entry, one query, its answer and what the engine loaded in `window.__answer`. */
const PAGE_SCRIPT = `import { createEngine } from './index.js';
const query = new URLSearchParams(location.search).get('q');
const engine = createEngine({ seed: 1, locateSqlWasm: (file) => new URL('/' + file, location.href).href });
engine.query({ query, showMetadata: false }).then(
  (a) => (window.__answer = { status: a.status, body: a.body, loaded: engine.loadedServices() }),
  (e) => (window.__answer = { error: String(e && e.message || e) }),
);
`;

describe.skipIf(!hasChromium)('the generated mocks in headless Chromium read one service\'s byte range of model.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mock-ranges-'));
  let browser: Browser | undefined;
  const reference = createMockEngine({ model, seed: 1, sqliteThreads: 0 });
  let index: ModelIndexFile;

  beforeAll(async () => {
    for (const f of emitAll(model, { outputs: ['mocks'] })) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
      if (f.path === 'mocks/model-index.json') index = JSON.parse(f.content) as ModelIndexFile;
    }
    writeFileSync(join(dir, `${PAGE}.ts`), PAGE_SCRIPT);
    writeFileSync(join(dir, `${PAGE}.html`), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./range-page.js"></script>\n`);
    // Beside the entry, so its import.meta.url-relative URLs name the emitted files, as unbundled.
    await build({
      entryPoints: [join(dir, `${PAGE}.ts`)],
      outfile: join(dir, `${PAGE}.js`),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
      nodePaths: [join(ROOT, 'node_modules')],
      external: ['fs', 'path', 'crypto', 'node:*'],
    });
    for (const wasm of ['sql-wasm.wasm', 'sql-wasm-browser.wasm']) {
      const from = join(ROOT, 'node_modules/sql.js/dist', wasm);
      if (existsSync(from)) copyFileSync(from, join(dir, wasm));
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await reference.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Loads the page from a server with or without Range support: its answer, model.json's requests, warnings. */
  async function visit(ranges: boolean) {
    const site = await serveStatic(dir, 0, { ranges });
    const page = await browser!.newPage();
    const models: Array<{ range: string | undefined; status: number; bytes: number }> = [];
    const warnings: string[] = [];
    const errors: string[] = [];
    const pending: Array<Promise<void>> = [];
    page.on('console', (m) => (m.type() === 'warning' ? warnings : m.type() === 'error' ? errors : []).push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfinished', (req) => {
      if (new URL(req.url()).pathname !== '/model.json') return;
      pending.push(req.response().then(async (res) => void models.push({ range: req.headers()['range'], status: res!.status(), bytes: (await res!.body()).length })));
    });
    try {
      await page.goto(`${site.url}/${PAGE}.html?q=${encodeURIComponent(QUERY)}`);
      await page.waitForFunction(() => (window as { __answer?: unknown }).__answer !== undefined, undefined, { timeout: 30_000 });
      const answer = await page.evaluate(() => (window as { __answer?: unknown }).__answer);
      // Events of the last requests may trail the page's answer.
      await page.waitForTimeout(100);
      await Promise.all(pending);
      return { answer, models, warnings, errors, origin: site.url };
    } finally {
      await page.close();
      await site.close();
    }
  }

  it('asks for the service\'s bytes with a Range header, gets 206, and answers as the whole model does', async () => {
    const { answer, models, warnings, errors } = await visit(true);
    const expected = await reference.query({ query: QUERY, showMetadata: false });
    expect(expected.status).toBe(200);
    expect({ answer, errors }).toEqual({ answer: { status: 200, body: expected.body, loaded: ['google.cloudidentity'] }, errors: [] });
    const own = index.services['google.cloudidentity']!;
    expect(models).toEqual([{ range: `bytes=${own.start}-${own.end - 1}`, status: 206, bytes: own.end - own.start }]);
    expect(own.end - own.start).toBeLessThan(index.bytes / 3);
    expect(warnings).toEqual([]);
  });

  it('slices the whole file from a server without Range support (200), and warns once naming it', async () => {
    const { answer, models, warnings, errors, origin } = await visit(false);
    const expected = await reference.query({ query: QUERY, showMetadata: false });
    expect({ answer, errors }).toEqual({ answer: { status: 200, body: expected.body, loaded: ['google.cloudidentity'] }, errors: [] });
    expect(models.map((m) => [m.status, m.bytes])).toEqual([[200, index.bytes]]);
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toContain(`${origin} does not support HTTP Range requests`);
  });
});
