/**
 * The hand-written runtimes, copied into the output folder so it works on its own in a user's app:
 * one copier, one layout. Each runtime folder of the project lands in one folder of the output;
 * relative imports are followed (so the core files a runtime uses come along) and rewritten for the
 * new place, `.ts` specifiers made `.js` so users' tsconfigs without allowImportingTsExtensions
 * accept them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { packageRoot } from '../package-root.ts';
import type { EmittedFile } from './emitted-file.ts';

/**
 * Where the runtimes' sources are: the project root, or the installed package's root, which ships
 * the runtime folders' `.ts` sources beside dist/ (package.json "files").
 */
const PROJECT_ROOT = packageRoot();

/** Project folder → output folder. Every file a runtime imports must fall under one of these. */
const LAYOUT: ReadonlyArray<readonly [project: string, output: string]> = [
  ['generator/runtime/', 'runtime/'],
  ['generator/core/', 'core/'],
  ['mocks/engine/', 'mock-runtime/engine/'],
  ['mocks/msw/', 'mock-runtime/msw/'],
  ['mocks/contract/', 'contract-runtime/'],
];

/**
 * The folders copied whole (or single files), per runtime; what they import from elsewhere in
 * LAYOUT comes along. `validators` is the part of the contract runtime that the generated row
 * validators need without vitest.
 */
const RUNTIMES = {
  client: ['generator/runtime/'],
  mock: ['mocks/engine/', 'mocks/msw/'],
  validators: ['mocks/contract/validate.ts'],
  contract: ['mocks/contract/'],
} as const;
export type RuntimeName = keyof typeof RUNTIMES;

export const MOCK_RUNTIME_DIR = 'mock-runtime';
export const CONTRACT_RUNTIME_DIR = 'contract-runtime';

/** Where a project file lands in the output folder. */
export function outputPathOf(projectPath: string): string {
  for (const [from, to] of LAYOUT) if (projectPath.startsWith(from)) return to + projectPath.slice(from.length);
  throw new Error(`a runtime imports ${projectPath}, which is outside every runtime folder (${LAYOUT.map(([p]) => p).join(', ')})`);
}

const IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]+?\.ts)\2/g;

/** True for a file of the output that is a runtime copy (the same whatever the docs say). */
export function isRuntimeCopy(outputPath: string): boolean {
  return LAYOUT.some(([, output]) => outputPath.startsWith(output));
}

/** The runtimes asked for (all by default) with what they import, in the output layout, sorted by path. */
export function runtimeFiles(names: readonly RuntimeName[] = ['client', 'mock', 'contract'], projectRoot = PROJECT_ROOT): EmittedFile[] {
  const queue = names.flatMap((name) =>
    RUNTIMES[name].flatMap((entry: string) => (entry.endsWith('/') ? listTs(join(projectRoot, entry)).map((f) => entry + f) : [entry])),
  );
  const seen = new Set<string>();
  const out: EmittedFile[] = [];
  while (queue.length > 0) {
    const projectPath = queue.shift()!;
    if (seen.has(projectPath)) continue;
    seen.add(projectPath);
    const target = outputPathOf(projectPath);
    const text = readFileSync(join(projectRoot, projectPath), 'utf8');
    const content = text.replace(IMPORT, (all: string, head: string, quote: string, spec: string) => {
      const imported = posix.normalize(posix.join(posix.dirname(projectPath), spec));
      if (!existsSync(join(projectRoot, imported))) return all; // a path inside a comment or string
      queue.push(imported);
      let moved = posix.relative(posix.dirname(target), outputPathOf(imported));
      if (!moved.startsWith('.')) moved = `./${moved}`;
      return `${head}${quote}${moved.replace(/\.ts$/, '.js')}${quote}`;
    });
    out.push({ path: target, content });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const PACKAGE_NAME = 'stackql-docgen';

/** Output runtime folder → the package's export subpath (package.json "exports"). */
const PACKAGE_EXPORTS: ReadonlyArray<readonly [output: string, subpath: string]> = [
  ['runtime/', 'runtime'],
  ['core/', 'core'],
  ['mock-runtime/engine/', 'mocks'],
  ['mock-runtime/msw/', 'msw'],
  ['contract-runtime/', 'contract'],
];

const RELATIVE_JS_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]+?\.js)\2/g;

/**
 * The emitted files with their imports of copied runtimes pointed at the package instead
 * (`../../runtime/resource-client.js` → `stackql-docgen/runtime/resource-client.js`, an `index.js`
 * → the folder's export): the output then holds no runtime of its own.
 */
export function importRuntimesFromPackage(files: readonly EmittedFile[]): EmittedFile[] {
  // Code only: a model file's text is data, whatever its strings say.
  return files.map((f) => (!f.path.endsWith('.ts') ? f : {
    path: f.path,
    content: f.content.replace(RELATIVE_JS_IMPORT, (all: string, head: string, quote: string, spec: string) => {
      const target = posix.normalize(posix.join(posix.dirname(f.path), spec));
      for (const [dir, subpath] of PACKAGE_EXPORTS) {
        if (!target.startsWith(dir)) continue;
        const rest = target.slice(dir.length);
        return `${head}${quote}${PACKAGE_NAME}/${subpath}${rest === 'index.js' ? '' : `/${rest}`}${quote}`;
      }
      return all;
    }),
  }));
}

/** `.ts` files under a folder, relative to it, sorted; tests and declarations left out. */
function listTs(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) found.push(...listTs(join(dir, e.name), `${prefix}${e.name}/`));
    else if (e.name.endsWith('.ts') && !/\.(test|spec|d)\.ts$/.test(e.name)) found.push(prefix + e.name);
  }
  return found.sort();
}
