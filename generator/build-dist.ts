/**
 * `npm run build` (run by `prepare`, so by `npm ci` and `npm pack`): compiles generator/ and mocks/
 * into dist/ with tsc, then copies the files the compiled code reads beside itself (templates, the
 * model's JSON Schema), writes the schema's validators compiled (model/validate.ts) and the
 * runtimes' bundles (emit/runtime-bundle.ts), and bundles the worker (worker-bundle.ts). Not part
 * of dist/ itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PREBUILT_BUNDLES, prebuiltBundlesText } from './emit/runtime-bundle.ts';
import { PREBUILT_VALIDATOR } from './model/validate.ts';
import { prebuiltValidatorModule } from './model/validator-module.ts';
import { WORKER_BUNDLE } from './pool.ts';
import { bundleWorker } from './worker-bundle.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
// A clean dist/ each time: a module deleted from the source must not linger in the package.
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const assets: Array<[from: string, ext: RegExp]> = [
  ['generator/templates', /\.hbs$/],
  ['generator/model', /\.schema\.json$/],
];
for (const [dir, ext] of assets) {
  mkdirSync(join(dist, dir), { recursive: true });
  for (const name of readdirSync(join(root, dir))) if (ext.test(name)) cpSync(join(root, dir, name), join(dist, dir, name));
}

// The model schema's validators compiled now, not by each isolate that validates (model/validate.ts).
writeFileSync(join(dist, 'generator', 'model', PREBUILT_VALIDATOR.split('/').pop()!), prebuiltValidatorModule());

// The default runtimes' bundles made now, not by esbuild in every cold run (emit/runtime-bundle.ts).
writeFileSync(join(dist, 'generator', 'emit', PREBUILT_BUNDLES.split('/').pop()!), prebuiltBundlesText(root));

// The worker thread's code as one file: each worker starts it instead of ~150 modules (worker-bundle.ts).
await bundleWorker(join(dist, 'generator', 'page-worker.js'), join(dist, 'generator', WORKER_BUNDLE));
