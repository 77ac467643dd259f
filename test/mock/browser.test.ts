/**
 * The mock in a real browser: the page (mocks/browser/main.ts) bundled with esbuild, served on
 * 127.0.0.1, run in headless Chromium. Its client's fetches go through msw's service worker to the
 * engine running in the page; the test reads what the page wrote into the DOM.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleBrowserPage, serveStatic } from '../../mocks/browser/bundle.ts';
import { readModelSync } from '../../generator/read-model.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!hasChromium)('the mock in headless Chromium (msw setupWorker)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mock-browser-'));
  let site: Awaited<ReturnType<typeof serveStatic>> | undefined;
  let browser: Browser | undefined;
  let dom: Record<string, unknown> = {};
  let status = '';
  const consoleLines: string[] = [];

  beforeAll(async () => {
    const model = readModelSync([
      'docs/providers/confluent/iam/invitations/index.md',
      'docs/providers/google/cloudidentity/userinvitations/index.md',
    ]);
    await bundleBrowserPage(dir, model);
    site = await serveStatic(dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
    await page.goto(`${site.url}/`);
    await page.waitForSelector('#status:not([data-state="running"])', { timeout: 30_000 });
    status = (await page.textContent('#status')) ?? '';
    for (const id of ['select', 'insert', 'roundtrip', 'override', 'restored']) {
      const text = (await page.textContent(`#${id}`)) ?? '';
      dom[id] = text ? JSON.parse(text) : undefined;
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the whole scenario', () => {
    expect({ status, console: status === 'done' ? [] : consoleLines }).toEqual({ status: 'done', console: [] });
  });

  it('answers a SELECT through the service worker with the engine’s rows', () => {
    const rows = dom.select as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['email', 'id']);
      expect(row.email).toEqual(expect.any(String));
    }
  });

  it('keeps state: the INSERTed row comes back from the next SELECT', () => {
    expect(dom.insert).toEqual(expect.any(Array));
    expect(dom.roundtrip).toEqual([{ id: expect.anything(), email: 'browser.user@example.com' }]);
  });

  it('lets worker.use(stackql.select(...)) replace the answer, and resetHandlers() restore it', () => {
    expect(dom.override).toEqual([{ id: 'from-override', email: 'override@example.com' }]);
    expect(dom.restored).toEqual([{ email: 'browser.user@example.com' }]);
  });
});
