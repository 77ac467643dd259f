// The clients of one whole provider of the corpus (google-microsite/firebase), type-checked by tsc
// in a folder outside the project: no node_modules, so no @types/node, as in a browser app.
// Skipped with a message when ../shared is absent. The whole microsite is timed by bench/clients.ts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitClients } from '../../generator/emit/clients.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { modelOf, readModel } from '../../generator/read-model.ts';
import { runTsc, writeFiles, writeProject } from '../emit/helpers.ts';

const CORPUS = join('..', 'shared', 'corpus');
const PROVIDER = join(CORPUS, 'google-microsite', 'firebase');
const present = existsSync(PROVIDER);
if (!present) console.warn(`${PROVIDER} not found: the clients type-check of a corpus provider is skipped (CI has ../shared)`);

describe.skipIf(!present)('clients of google-microsite/firebase', () => {
  it('type-check under strict with zero errors', async () => {
    const model = modelOf(await readModel(PROVIDER, { cacheFile: false }));
    expect(model.resources.length).toBeGreaterThan(50);

    const started = performance.now();
    const emitted = [...emitClients(model), ...runtimeFiles(['client'])];
    const emitMs = performance.now() - started;
    const dir = mkdtempSync(join(tmpdir(), 'clients-firebase-'));
    try {
      writeFiles(dir, emitted);
      // skipLibCheck off: the clients' types are .d.ts files (no node_modules here, so only they are libraries).
      writeProject(dir, { verbatimModuleSyntax: true, skipLibCheck: false });
      const tsc = runTsc(dir);
      const lines = emitted.reduce((n, f) => n + f.content.split('\n').length - 1, 0);
      console.log(
        `firebase: ${model.resources.length} resources, ${emitted.length} files, ${lines} lines; ` +
          `emitted in ${emitMs.toFixed(0)} ms, tsc ${(tsc.ms / 1000).toFixed(1)} s, ${tsc.errors.length} errors`,
      );
      expect(tsc.errors.slice(0, 20)).toEqual([]);
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
