/**
 * The worker thread's code as one file (build-dist.ts writes it to pool.ts's WORKER_BUNDLE; the compiled
 * pool starts it).
 * A worker is a fresh V8 isolate: started from dist/generator/page-worker.js it resolved, read and
 * compiled the generator's ~150 modules and their packages' one by one again, about 0.9 s of CPU
 * and of wall time before its first page (google microsite: 4 workers a run); from one file about
 * 0.4 s. The bundle sits one folder below dist/generator/ (`worker/`), as every module that
 * reads a file beside itself does (`../templates/`, `../model/`), so those paths hold in it too.
 * esbuild stays outside it: it runs its own executable, found from its package.
 */
import { build } from 'esbuild';

export async function bundleWorker(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['esbuild'],
    // The CommonJS packages inside (handlebars, ajv, yaml) call require() for Node's own modules.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
    logLevel: 'warning',
    // The bundled packages' licence comments are kept (at the end of the file), as they ship in dist/.
    legalComments: 'eof',
  });
}
