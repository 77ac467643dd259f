/**
 * `npm run mock:browser -- [--model generated/model.json | --docs dir] [--port 5180]`: builds the
 * browser page (bundle.ts) and serves it on 127.0.0.1, for a look at the mock running in a real
 * browser's service worker. Ctrl-C to stop.
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { modelFromDocs, readModelFile } from '../server/model.ts';
import { bundleBrowserPage, serveStatic } from './bundle.ts';

const opts = new Command()
  .name('mock:browser')
  .option('--model <file>', 'model.json written by `npm run generate`', 'generated/model.json')
  .option('--docs <dir>', 'read the model from these doc pages instead')
  .option('--port <n>', 'port (0: any free one)', (v) => Number.parseInt(v, 10), 5180)
  .option('--out <dir>', 'where to build the page', join('node_modules', '.cache', 'stackql-mock-browser'))
  .parse()
  .opts<{ model: string; docs?: string; port: number; out: string }>();

const model = opts.docs ? await modelFromDocs(opts.docs) : readModelFile(opts.model);
await bundleBrowserPage(opts.out, model);
const site = await serveStatic(opts.out, opts.port);
console.log(`StackQL mock browser page: ${site.url}/ (built in ${opts.out}; Ctrl-C to stop)`);
const stop = () => void site.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
