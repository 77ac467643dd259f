/**
 * The typed clients of a whole docs folder: how much is emitted per resource (lines and bytes,
 * median and max), how long emitting takes, and how long tsc takes to type-check the output
 * (strict, NodeNext, skipLibCheck off: the clients' types are .d.ts) in a folder outside the project.
 *
 *   npx tsx bench/clients.ts [docs folder ...]      default: ../shared/corpus/google-microsite
 *   npx tsx bench/clients.ts --model generated/model.json
 *   --keep   leave the output folder in place (its path is printed)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModel } from '../generator/core/model-codec.ts';
import { emitClients } from '../generator/emit/clients.ts';
import { runtimeFiles } from '../generator/emit/runtime-bundle.ts';
import type { Model } from '../generator/core/model.ts';
import { modelOf, readModel } from '../generator/read-model.ts';
import { runTsc, writeFiles, writeProject } from '../test/emit/helpers.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function modelFrom(docs: string): Promise<Model> {
  return modelOf(await readModel(docs, { cacheFile: false }));
}

function bench(label: string, model: Model, keep: boolean): void {
  const started = performance.now();
  const files = [...emitClients(model), ...runtimeFiles(['client'])];
  const emitMs = performance.now() - started;

  const lines = (text: string) => text.split('\n').length - 1;
  // A resource's client is its types (.d.ts) and its descriptor (.js): counted together.
  const byResource = new Map<string, { path: string; content: string }>();
  for (const f of files) {
    const m = /^(clients\/[^/]+\/[^/]+\/[^/]+)\.(d\.ts|js)$/.exec(f.path);
    if (!m) continue;
    const seen = byResource.get(m[1]!);
    byResource.set(m[1]!, { path: `${m[1]}.{d.ts,js}`, content: (seen?.content ?? '') + f.content });
  }
  const perResource = [...byResource.values()];
  const resourceLines = perResource.map((f) => lines(f.content));
  const resourceBytes = perResource.map((f) => Buffer.byteLength(f.content));
  const largest = perResource[resourceBytes.indexOf(Math.max(...resourceBytes))];
  const totalLines = files.reduce((n, f) => n + lines(f.content), 0);
  const totalBytes = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);

  const dir = mkdtempSync(join(tmpdir(), 'bench-clients-'));
  writeFiles(dir, files);
  // skipLibCheck off: the clients' types are .d.ts files (outside the project: no @types to check).
  writeProject(dir, { verbatimModuleSyntax: true, skipLibCheck: false });
  const tsc = runTsc(dir, ['--extendedDiagnostics']);
  if (!keep) rmSync(dir, { recursive: true, force: true });

  console.log(`\n## ${label}\n`);
  console.log(`${model.resources.length} resources, ${model.summary.methods} methods -> ${files.length} files, ${totalLines} lines, ${(totalBytes / 1e6).toFixed(1)} MB`);
  console.log(`per resource: lines median ${median(resourceLines)}, max ${Math.max(...resourceLines)}; bytes median ${kb(median(resourceBytes))}, max ${kb(Math.max(...resourceBytes))} (${largest?.path})`);
  console.log(`emit: ${(emitMs / 1000).toFixed(2)} s`);
  const timing = (name: string) => /^(\S.*?) time:\s+([\d.]+s)$/m.test(tsc.output) ? (new RegExp(`^${name} time:\\s+([\\d.]+s)$`, 'm').exec(tsc.output)?.[1] ?? '?') : '?';
  const memory = /^Memory used:\s+(\d+)K$/m.exec(tsc.output)?.[1];
  console.log(
    `tsc --noEmit (strict, NodeNext): ${(tsc.ms / 1000).toFixed(1)} s wall (parse ${timing('Parse')}, bind ${timing('Bind')}, ` +
      `check ${timing('Check')}, total ${timing('Total')}; ${memory ? `${Math.round(Number(memory) / 1024)} MB` : '?'}), ` +
      `${tsc.errors.length} errors${keep ? ` (output kept in ${dir})` : ''}`,
  );
  for (const error of tsc.errors.slice(0, 10)) console.log(`  ${error}`);
}

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const modelFlag = args.indexOf('--model');
if (modelFlag !== -1) {
  const path = args[modelFlag + 1];
  bench(path, parseModel(readFileSync(path, 'utf8'), path), keep);
} else {
  const folders = args.filter((a) => !a.startsWith('--'));
  for (const docs of folders.length > 0 ? folders : [join('..', 'shared', 'corpus', 'google-microsite')]) {
    bench(docs, await modelFrom(docs), keep);
  }
}
