/**
 * A write phase to be killed: `node --import tsx write-child.ts <out> <version> <files>` writes
 * `<files>` outputs of version A or B with writeOutputs (the function generate ends with). Version B
 * drops a third of A's files, changes the rest and adds new ones in new folders.
 */
import { writeOutputs } from '../../generator/write/outputs.ts';
import type { EmittedFile } from '../../generator/emit/emitted-file.ts';

export function versionFiles(version: 'A' | 'B', count: number): EmittedFile[] {
  const files: EmittedFile[] = [];
  const body = (path: string) => `${version} ${path}\n${'x'.repeat(4096)}\n`;
  for (let i = 0; i < count; i++) {
    if (version === 'B' && i % 3 === 0) continue;
    const path = `svc${i % 40}/res${i}/index.ts`;
    // Every other file is the same in both versions: they are linked, not written.
    files.push({ path, content: i % 2 === 0 ? `same ${path}\n` : body(path) });
  }
  if (version === 'B') for (let i = 0; i < count / 3; i++) files.push({ path: `added${i % 20}/new${i}.ts`, content: body(`added${i}`) });
  return files;
}

if (process.argv[1]?.endsWith('write-child.ts')) {
  const [out, version, count] = process.argv.slice(2);
  const counts = writeOutputs(out, versionFiles(version as 'A' | 'B', Number(count)), `key-${version}`);
  console.log(JSON.stringify(counts));
}
