/**
 * The mock in a real browser: the page (mocks/browser/main.ts) bundled with esbuild for the model
 * of every page in docs/ (three providers), served on 127.0.0.1, driven in headless Chromium as a
 * user would: pick a provider, service, resource and method, run the offered statement. What the
 * page must show is computed here from the model: the statements with statements.ts, the rows and
 * errors with an engine in this process (same seed, same data). A screenshot must show the rows.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '../../generator/core/model.ts';
import { bundleBrowserPage, serveStatic, type BrowserPageBuild } from '../../mocks/browser/bundle.ts';
import { methodStatements } from '../../mocks/browser/statements.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

const model = docsModel();
const resourceOf = (id: string) => model.resources.find((r) => r.id === id)!;
const GOOGLE = resourceOf('google.cloudidentity.userinvitations');
const CONFLUENT = resourceOf('confluent.iam.invitations');
/** The engine the page's answers are compared with: the page's default seed. */
const reference = createMockEngine({ model, seed: 1, sqliteThreads: 0 });

const cell = (value: unknown) => (value === null || value === undefined ? 'null' : typeof value === 'object' ? JSON.stringify(value) : String(value));
/** Rows as the page must draw them: the columns in order of appearance, each value as text. */
function table(rows: Array<Record<string, unknown>>): { head: string[]; body: string[][] } {
  const head = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { head, body: rows.map((r) => head.map((c) => (c in r ? cell(r[c]) : ''))) };
}
async function referenceRows(sql: string): Promise<Array<Record<string, unknown>>> {
  const answer = await reference.query({ query: sql, showMetadata: false });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { data: Array<Record<string, unknown>> }).data;
}

const methodLabel = (r: Resource, name: string) => `${name} (${r.methods.find((m) => m.name === name)!.verb.toUpperCase()})`;

describe.skipIf(!hasChromium)('the browser page, for any model, in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mock-browser-'));
  let site: Awaited<ReturnType<typeof serveStatic>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let built: BrowserPageBuild;
  const fetched: Array<{ path: string; bytes: number }> = [];
  const problems: string[] = [];

  const status = async () => ({ state: await page.getAttribute('#status', 'data-state'), text: await page.textContent('#status'), error: await page.textContent('#error') });
  const settled = () => page.waitForSelector('#status:is([data-state="ready"], [data-state="done"], [data-state="error"])', { timeout: 30_000 });
  async function pick(r: Resource, method: string): Promise<void> {
    await page.selectOption('#provider', r.provider);
    await page.selectOption('#service', r.service);
    await page.selectOption('#resource', r.name);
    await page.waitForFunction((label) => [...document.querySelectorAll('#method option')].some((o) => o.textContent === label), methodLabel(r, method));
    await settled();
    await page.selectOption('#method', { label: methodLabel(r, method) });
  }
  async function run(): Promise<void> {
    await page.click('#run');
    await page.waitForSelector('#status:is([data-state="done"], [data-state="error"])', { timeout: 30_000 });
  }
  const shown = () =>
    page.evaluate(() => ({
      head: [...document.querySelectorAll('#rows thead th')].map((th) => th.textContent ?? ''),
      body: [...document.querySelectorAll('#rows tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    }));

  beforeAll(async () => {
    built = await bundleBrowserPage(dir, model);
    site = await serveStatic(dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfinished', (req) => {
      const url = new URL(req.url());
      if (url.origin === site!.url && url.pathname.endsWith('.json')) {
        void req.sizes().then(
          (sizes) => fetched.push({ path: url.pathname, bytes: sizes.responseBodySize }),
          (error: Error) => problems.push(`no size for ${url.pathname}: ${error.message}`),
        );
      }
    });
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
    await page.goto(`${site.url}/`);
    await settled();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await reference.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the model’s providers, services and resources to pick from, and no error', async () => {
    expect({ ...(await status()), problems }).toEqual({ state: 'ready', text: 'ready', error: '', problems: [] });
    const providers = [...new Set(model.resources.map((r) => r.provider))].sort();
    expect(await page.$$eval('#provider option', (os) => os.map((o) => o.textContent))).toEqual(providers);
    await page.selectOption('#provider', 'example');
    await settled();
    const services = [...new Set(model.resources.filter((r) => r.provider === 'example').map((r) => r.service))].sort();
    expect(await page.$$eval('#service option', (os) => os.map((o) => o.textContent))).toEqual(services);
  });

  it('offers the picked method’s statements and shows the rows the engine answers', async () => {
    await pick(GOOGLE, 'list');
    const list = GOOGLE.methods.find((m) => m.name === 'list')!;
    const { statements } = methodStatements(GOOGLE, list);
    expect(statements.length).toBeGreaterThan(0);
    expect(await page.$$eval('#statement-choice option', (os) => os.map((o) => o.textContent))).toEqual(statements.map((s) => s.label));
    expect(await page.inputValue('#statement')).toBe(statements[0].sql);
    expect(await page.textContent('#method-info')).toContain(`required: ${list.requiredParams.join(', ')}`);

    await run();
    const rows = await referenceRows(statements[0].sql);
    expect(rows.length).toBeGreaterThan(0);
    expect(await status()).toEqual({ state: 'done', text: `done: ${rows.length} rows`, error: '' });
    expect(await shown()).toEqual(table(rows));
    expect(new URL(page.url()).hash).toBe(`#${GOOGLE.id}/list`);
  });

  it('draws the rows: a screenshot is not blank, and every row of the table has text in it', async () => {
    const png = PNG.sync.read(await page.screenshot({ fullPage: true }));
    const dark = (x: number, y: number) => {
      const i = (y * png.width + x) * 4;
      return 0.299 * png.data[i] + 0.587 * png.data[i + 1] + 0.114 * png.data[i + 2] < 110;
    };
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 7) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(8);

    const boxes = await page.$$eval('#rows tr', (trs) => trs.map((tr) => tr.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes.length).toBe((await shown()).body.length + 1);
    for (const [n, box] of boxes.entries()) {
      let ink = 0;
      for (let y = Math.ceil(box.y + 1); y < Math.floor(box.y + box.height - 1); y++) {
        for (let x = Math.ceil(box.x + 1); x < Math.min(png.width, Math.floor(box.x + box.width - 1)); x++) if (dark(x, y)) ink++;
      }
      expect(ink, `table row ${n} at ${JSON.stringify(box)} shows no text`).toBeGreaterThan(20);
    }
  });

  it('keeps state across statements and resources: an INSERT comes back in the next SELECT, after another resource was picked', async () => {
    await pick(CONFLUENT, 'create_iam_v2invitation');
    const create = CONFLUENT.methods.find((m) => m.name === 'create_iam_v2invitation')!;
    const insert = methodStatements(CONFLUENT, create).statements[0].sql;
    expect(await page.inputValue('#statement')).toBe(insert);
    await run();
    expect((await status()).state).toBe('done');
    await referenceRows(insert);

    await pick(GOOGLE, 'get');
    await pick(CONFLUENT, 'list_iam_v2invitations');
    const select = methodStatements(CONFLUENT, CONFLUENT.methods.find((m) => m.name === 'list_iam_v2invitations')!).statements[0].sql;
    await run();
    const rows = await referenceRows(select);
    expect(await shown()).toEqual(table(rows));
    // The reference engine got the same INSERT: one more row than the seeded ones.
    expect(rows.length).toBe(4);
  });

  it('shows a failing statement’s status and the engine’s message', async () => {
    const bad = `SELECT nope FROM ${CONFLUENT.id}`;
    await page.fill('#statement', bad);
    await run();
    const answer = await reference.query({ query: bad });
    expect(answer.status).toBe(400);
    expect(await status()).toEqual({ state: 'error', text: 'error', error: `400: ${(answer.body as { error: string }).error}` });
    expect(await page.$$eval('#rows tbody tr', (trs) => trs.length)).toBe(0);
  });

  it('never fetches the whole model: the index once, then the picked resources’ files only', async () => {
    const { tree } = built.index;
    const chunk = (r: Resource) => `/resources/${tree[r.provider][r.service][r.name]}.json`;
    const first = model.resources.map((r) => r.provider).sort()[0];
    const firstService = Object.keys(tree[first]).sort()[0];
    const firstResource = Object.keys(tree[first][firstService]).sort()[0];
    const expected = new Set([
      '/index.json',
      `/resources/${tree[first][firstService][firstResource]}.json`,
      `/resources/${tree.example[Object.keys(tree.example).sort()[0]][Object.keys(tree.example[Object.keys(tree.example).sort()[0]]).sort()[0]]}.json`,
      chunk(GOOGLE),
      chunk(CONFLUENT),
    ]);
    const paths = fetched.map((f) => f.path);
    expect(new Set(paths)).toEqual(expected);
    expect(paths.length, 'each file once').toBe(expected.size);
    expect(paths).not.toContain('/model.json');
    expect(existsSync(join(dir, 'model.json'))).toBe(false);
    const bytes = fetched.reduce((sum, f) => sum + f.bytes, 0);
    expect(bytes).toBeLessThan(built.index.modelBytes);
    expect(await page.textContent('#summary')).toContain(`${model.resources.length} resources in 3 provider(s)`);
  });
});
