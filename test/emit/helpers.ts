/**
 * Shared by the client-emitter tests: a model from doc pages (extractPage + buildModel, as the
 * pipeline does), emitted files written to a scratch folder, and tsc run over it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EmittedFile } from '../../generator/emit/clients.ts';

export { ROOT, REFERENCE_PAGES, modelOf, docsModel } from '../helpers/model.ts';
import { ROOT } from '../helpers/model.ts';

/**
 * A scratch folder inside the project (under the git-ignored .cache/), so that files written there
 * resolve `vitest` and `@types/node` from node_modules like the project's own.
 */
export function scratchDir(prefix: string): string {
  const base = join(ROOT, '.cache', 'emit-tests');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

export function writeFiles(dir: string, files: EmittedFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A user's ESM project: package.json with "type": "module" and a strict tsconfig. */
export function writeProject(dir: string, compilerOptions: Record<string, unknown> = {}, include = ['**/*.ts']): void {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
  const options = { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: true, ...compilerOptions };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: options, include }, null, 2)}\n`);
}

export interface TscResult {
  status: number | null;
  /** One entry per diagnostic: `path(line,col): error TSxxxx: message`, paths relative to the folder. */
  errors: string[];
  ms: number;
  /** Everything tsc printed (with --extendedDiagnostics: its timings). */
  output: string;
}

export function runTsc(dir: string, extraArgs: string[] = [], nodeArgs: string[] = []): TscResult {
  const started = performance.now();
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [...nodeArgs, tsc, '-p', dir, '--pretty', 'false', ...extraArgs], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const output = `${run.stdout}${run.stderr}`;
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  return { status: run.status, errors, ms: performance.now() - started, output };
}
