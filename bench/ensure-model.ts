/**
 * The benches that serve a whole provider read a model.json kept between runs. One written in an
 * older format (see MODEL_VERSION) or by another stackql-docgen (its "writer" stamp, which the
 * engine's reader refuses) is generated again, not served: a stale model would measure errors, or
 * fail deep inside the engine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertModelVersion } from '../generator/core/model.ts';
import { assertWriter } from '../generator/core/writer.ts';

function current(model: string): boolean {
  if (!existsSync(model)) return false;
  try {
    // The version and the writer are the model's first keys, so reading a little is enough.
    const head = readFileSync(model, 'utf8').slice(0, 300);
    assertModelVersion({ version: /"version":\s*"([^"]*)"/.exec(head)?.[1] }, model);
    assertWriter(/"writer":\s*"([^"]*)"/.exec(head)?.[1], model);
    return true;
  } catch (e) {
    console.error(`${(e as Error).message.split('. Run')[0]}: generating it again`);
    return false;
  }
}

export function ensureModel(model: string, docs: string): void {
  if (current(model)) return;
  console.error(`generating ${model} from ${docs} ...`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'generator/cli/bin.ts', 'generate', '--docs', docs, '--out', dirname(model), '--outputs', 'mocks', '--quiet', '--force'], {
    stdio: 'inherit',
    timeout: 600_000,
  });
  if (r.status !== 0 || !current(model)) throw new Error(`generate failed for ${docs}`);
}
