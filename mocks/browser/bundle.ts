/**
 * Builds the browser page into a folder that any static server can serve from its root: main.js
 * (esbuild bundle of main.ts: client runtime + msw/browser + engine), index.html, msw's
 * mockServiceWorker.js, sql.js's wasm and the model. Plus the smallest static server to serve it
 * on 127.0.0.1.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Model } from '../../generator/core/model.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '../..');

/** Writes the page into `outDir` (created if needed). */
export async function bundleBrowserPage(outDir: string, model: Model): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(HERE, 'main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'linked',
    logLevel: 'silent',
    // sql.js's browser build never reaches these; its Node build (not used here) would.
    external: ['fs', 'path', 'crypto', 'node:*'],
  });
  copyFileSync(join(HERE, 'index.html'), join(outDir, 'index.html'));
  copyFileSync(join(ROOT, 'node_modules/msw/lib/mockServiceWorker.js'), join(outDir, 'mockServiceWorker.js'));
  for (const wasm of ['sql-wasm.wasm', 'sql-wasm-browser.wasm']) {
    const from = join(ROOT, 'node_modules/sql.js/dist', wasm);
    if (existsSync(from)) copyFileSync(from, join(outDir, wasm));
  }
  writeFileSync(join(outDir, 'model.json'), JSON.stringify(model));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Serves `dir` read-only on 127.0.0.1 (a random free port unless given). */
export async function serveStatic(dir: string, port = 0): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      // msw's worker script may control the whole origin.
      'service-worker-allowed': '/',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
