/**
 * Builds the browser page into a folder that any static server can serve from its root: main.js
 * (esbuild bundle of main.ts: client runtime + msw/browser + engine), index.html, msw's
 * mockServiceWorker.js, sql.js's wasm, and the model cut into a small index and one file per
 * resource (split-model.ts), which the page fetches as the user picks. Plus the smallest static
 * server to serve it on 127.0.0.1.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Model } from '../../generator/core/model.ts';
import { encodeResource } from '../../generator/core/model-codec.ts';
import { CHUNK_DIR, chunkFile, INDEX_FILE, splitModel, type BrowserIndex } from './split-model.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '../..');

export interface BrowserPageBuild {
  index: BrowserIndex;
  /** Bytes of index.json, and of each resource's file by chunk number. */
  indexBytes: number;
  chunkBytes: number[];
}

/** Writes the page into `outDir` (created if needed; its resources/ folder is replaced). */
export async function bundleBrowserPage(outDir: string, model: Model): Promise<BrowserPageBuild> {
  refuseForeignFolder(outDir);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, MARKER), 'A page built by stackql-docgen (npm run mock:browser): rebuilt in place.\n');
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
  const { index, chunks } = splitModel(model);
  // Only the folder this build owns is cleared: a smaller model leaves no stale resources behind.
  rmSync(join(outDir, CHUNK_DIR), { recursive: true, force: true });
  // Earlier builds sent the whole model.
  rmSync(join(outDir, 'model.json'), { force: true });
  mkdirSync(join(outDir, CHUNK_DIR));
  const chunkBytes = chunks.map((chunk, n) => {
    // Stored as model.json stores a resource (core/model-codec.ts); loader.ts decodes it.
    const text = JSON.stringify({ ...chunk, resource: encodeResource(chunk.resource) });
    writeFileSync(join(outDir, chunkFile(n)), text);
    return Buffer.byteLength(text);
  });
  const indexText = JSON.stringify(index);
  writeFileSync(join(outDir, INDEX_FILE), indexText);
  return { index, indexBytes: Buffer.byteLength(indexText), chunkBytes };
}

const MARKER = '.stackql-mock-browser';

/** The build replaces files in `outDir`: only in a new or empty folder, or one it built before. */
function refuseForeignFolder(outDir: string): void {
  if (!existsSync(outDir) || readdirSync(outDir).length === 0) return;
  const ours = existsSync(join(outDir, MARKER)) || ['index.html', 'main.js', 'mockServiceWorker.js'].every((f) => existsSync(join(outDir, f)));
  if (!ours) throw new Error(`${outDir} holds other files: the browser page is built only into a new or empty folder, or one it was built in before`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * Serves `dir` read-only on 127.0.0.1 (a random free port unless given). A `Range: bytes=a-b`
 * request gets those bytes (206), as from any static server, unless `ranges` is false: then the
 * whole file (200), as from a server without Range support.
 */
export async function serveStatic(dir: string, port = 0, options: { ranges?: boolean } = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      // msw's worker script may control the whole origin.
      'service-worker-allowed': '/',
    };
    const body = readFileSync(file);
    const range = options.ranges === false ? null : /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const last = Math.min(range[2] === '' ? body.length - 1 : Number(range[2]), body.length - 1);
      if (start > last) {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${last}/${body.length}`, 'accept-ranges': 'bytes' });
      res.end(body.subarray(start, last + 1));
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
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
