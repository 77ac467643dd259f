/**
 * `npm run mock:browser -- [--model generated/model.json | --docs dir] [--port 5180] [--out dir]`:
 * builds the browser page (bundle.ts) for any model and serves it on 127.0.0.1: pick a resource
 * and a method, run its statements against the engine in the page's service worker. Ctrl-C to stop.
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { modelFromDocs, readModelFile } from '../server/model.ts';
import { bundleBrowserPage, serveStatic } from './bundle.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const opts = new Command()
  .name('mock:browser')
  .option('--model <file>', 'model.json written by `stackql-docgen generate`', 'generated/model.json')
  .option('--docs <dir>', 'read the model from these doc pages instead')
  .option('--port <n>', 'port (0: any free one)', (v) => Number.parseInt(v, 10), 5180)
  .option('--out <dir>', 'where to build the page', join('node_modules', '.cache', 'stackql-mock-browser'))
  .parse()
  .opts<{ model: string; docs?: string; port: number; out: string }>();

let site: Awaited<ReturnType<typeof serveStatic>>;
try {
  const model = opts.docs ? await modelFromDocs(opts.docs) : readModelFile(opts.model);
  const built = await bundleBrowserPage(opts.out, model);
  const largest = Math.max(0, ...built.chunkBytes);
  console.log(
    `${built.index.resources} resources: the page fetches an index of ${kb(built.indexBytes)}, then each picked resource ` +
      `(largest ${kb(largest)}), not the ${kb(built.index.modelBytes)} model`,
  );
  site = await serveStatic(opts.out, opts.port);
} catch (error) {
  console.error(`mock:browser: ${(error as Error).message}`);
  process.exit(2);
}
console.log(`StackQL mock browser page: ${site.url}/ (built in ${opts.out}; Ctrl-C to stop)`);
const stop = () => void site.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
