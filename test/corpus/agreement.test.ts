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
    it(`${folder}: row schemas, the mock's rows, and the rows as the client's Row`, { timeout: 3_600_000 }, async () => {
      const model = modelOf(await readModel(join(CORPUS, folder)));
      expect(model.resources.length).toBeGreaterThan(100);
      let started = performance.now();
      const found = disagreements(model);
      const checkMs = performance.now() - started;
      expect(found.slice(0, 20)).toEqual([]);

      // Type level, one tsc program per provider (a whole registry folder's clients at once do not fit a default heap).
      started = performance.now();
      const byProvider = new Map<string, typeof model.resources>();
      for (const r of model.resources) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), r]);
      const errors: string[] = [];
      for (const [provider, resources] of byProvider) {
        const part = { ...model, resources };
        const dir = scratchDir(`agreement-${folder}-${provider}`);
        try {
          const paths = layout(resources).paths;
          writeFiles(dir, [
            ...emitClients(part),
            ...runtimeFiles(['client']),
            ...resources.map((r) => ({ path: `rows/${paths.get(r.id)}.ts`, content: rowsModule(r, paths.get(r.id)!) })),
          ]);
          writeProject(dir, { verbatimModuleSyntax: true });
          errors.push(...runTsc(dir, [], ['--max-old-space-size=6144']).errors.map((e) => `${provider}: ${e}`));
        } finally {
          removeDir(dir);
        }
      }
      console.log(`${folder}: ${model.resources.length} resources of ${byProvider.size} providers; schemas and mock rows in ${(checkMs / 1000).toFixed(1)} s; rows as Row, tsc per provider: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(errors.slice(0, 20)).toEqual([]);
    });
  }
});
