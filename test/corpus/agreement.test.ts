// For every resource of the corpus: client, mock and validator accept the same rows (the checks of
// test/contract/agreement.ts): the row schemas agree, the mock's rows pass the validator, and
// those rows type-check as the client's Row (tsc over each corpus folder's clients). Skipped with a
// message when ../shared is absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitClients } from '../../generator/emit/clients.ts';
import { layout } from '../../generator/emit/layout.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { modelOf, readModel } from '../../generator/read-model.ts';
import { disagreements, rowsModule } from '../contract/agreement.ts';
import { removeDir, runTsc, scratchDir, writeFiles, writeProject } from '../emit/helpers.ts';

const CORPUS = join('..', 'shared', 'corpus');
const FOLDERS = ['registry-docs', 'google-microsite', 'awscc-provider', 'azure-provider', 'registry-docs-2023'];
const present = existsSync(CORPUS);
if (!present) console.warn(`${CORPUS} not found: the corpus agreement checks are skipped (CI has ../shared)`);

describe.skipIf(!present)('client, mock and validator agree on every corpus resource', () => {
  for (const folder of FOLDERS) {
    it(`${folder}: row schemas, the mock's rows, and the rows as the client's Row`, async () => {
      const model = modelOf(await readModel(join(CORPUS, folder)));
      expect(model.resources.length).toBeGreaterThan(100);
      let started = performance.now();
      const found = disagreements(model);
      const checkMs = performance.now() - started;
      expect(found.slice(0, 20)).toEqual([]);

      started = performance.now();
      const dir = scratchDir(`agreement-${folder}`);
      try {
        const paths = layout(model.resources).paths;
        writeFiles(dir, [
          ...emitClients(model),
          ...runtimeFiles(['client']),
          ...model.resources.map((r) => ({ path: `rows/${paths.get(r.id)}.ts`, content: rowsModule(r, paths.get(r.id)!) })),
        ]);
        writeProject(dir, { verbatimModuleSyntax: true });
        const tsc = runTsc(dir, ['--skipLibCheck']);
        console.log(`${folder}: ${model.resources.length} resources; schemas and mock rows in ${(checkMs / 1000).toFixed(1)} s; tsc ${(tsc.ms / 1000).toFixed(1)} s (${((performance.now() - started) / 1000).toFixed(1)} s with writing)`);
        expect(tsc.errors.slice(0, 20)).toEqual([]);
      } finally {
        removeDir(dir);
      }
    });
  }
});
