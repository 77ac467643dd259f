/**
 * The hand-written runtimes, copied into the output folder so it works on its own in a user's app:
 * one copier, one layout. Each runtime folder of the project lands in one folder of the output;
 * relative imports are followed (so the core files a runtime uses come along) and rewritten for the
 * new place, `.ts` specifiers made `.js` so users' tsconfigs without allowImportingTsExtensions
 * accept them. The modules the emitted code imports are also written bundled, as `.js` beside their
 * `.ts` (runtimeBundles): what vite and node load, while TypeScript reads the sources.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, version as esbuildVersion } from 'esbuild';
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

/**
 * The runtime modules the emitted code (and a user's code) imports, each also written as one
 * bundled `.js` beside its `.ts` (see runtimeBundles); the code they share goes to CHUNK_DIR.
 */
const BUNDLE_ENTRIES = [
  'runtime/index.ts',
  'runtime/resource-client.ts',
  'mock-runtime/engine/index.ts',
  'mock-runtime/msw/index.ts',
  'contract-runtime/index.ts',
  'contract-runtime/reporter.ts',
  'contract-runtime/runner.ts',
  'contract-runtime/validate.ts',
] as const;
export const CHUNK_DIR = 'runtime-chunks/';

/** The output's top folders that hold runtime copies and their bundles, sorted. */
export const RUNTIME_FOLDERS: readonly string[] = [...new Set([...LAYOUT.map(([, output]) => output), CHUNK_DIR].map((p) => p.slice(0, p.indexOf('/'))))].sort();

/** True for a file of the output that is a runtime copy (the same whatever the docs say). */
export function isRuntimeCopy(outputPath: string): boolean {
  return outputPath.startsWith(CHUNK_DIR) || LAYOUT.some(([, output]) => outputPath.startsWith(output));
}

/** The runtimes asked for (all by default) with what they import, in the output layout, sorted by path. */
export function runtimeFiles(names: readonly RuntimeName[] = ['client', 'mock', 'contract'], projectRoot = PROJECT_ROOT, prebuilt: string | false = PREBUILT_FILE): EmittedFile[] {
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
  out.push(...runtimeBundles(out, prebuilt));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Where `npm run build` writes the bundles of the default runtimes (all of them, copied), relative
 * to this module: dist/generator/emit/runtime-bundles.json, found by the same path from the worker
 * bundle one folder over. esbuild runs as a process of its own, ~0.5 s of a cold run's wall time
 * (in the worker that emits the index files) and more of CPU; the package's runtime sources are
 * fixed once built, so their bundles can be too. The file is used only for the sources and esbuild
 * version its key names (bundleKey); any other, or a corrupt file, is left alone and esbuild run.
 */
export const PREBUILT_BUNDLES = '../emit/runtime-bundles.json';
const PREBUILT_FILE = fileURLToPath(new URL(PREBUILT_BUNDLES, import.meta.url));

/** What the bundles are made from: every copy's path and text (in path order), and esbuild's version. */
function bundleKey(sources: ReadonlyMap<string, string>): string {
  const files = [...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(esbuildVersion).update('\u0000').update(JSON.stringify(files)).digest('hex');
}

/** The text build-dist.ts writes to PREBUILT_BUNDLES: the default runtimes' bundles and their key. */
export function prebuiltBundlesText(projectRoot = PROJECT_ROOT): string {
  const all = runtimeFiles(undefined, projectRoot, false);
  const copies = all.filter((f) => !isBundle(f.path));
  const files = all.filter((f) => isBundle(f.path));
  return `${JSON.stringify({ key: bundleKey(new Map(copies.map((f) => [f.path, f.content]))), files })}\n`;
}

/** A file runtimeBundles writes (an entry's `.js` or a chunk), not a copied source. */
function isBundle(path: string): boolean {
  return path.startsWith(CHUNK_DIR) || BUNDLE_ENTRIES.some((e) => path === e.replace(/\.ts$/, '.js'));
}

/**
 * The bundles `file` holds when it was written for `key`, else undefined (no file, another key:
 * other sources or another esbuild; not JSON or not a list of files: corrupt).
 */
export function loadPrebuiltBundles(file: string, key: string): EmittedFile[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const held = JSON.parse(text) as { key?: unknown; files?: unknown };
    if (held.key !== key || !Array.isArray(held.files) || held.files.length === 0) return undefined;
    const files = held.files as Array<Partial<EmittedFile>>;
    if (!files.every((f) => typeof f?.path === 'string' && typeof f.content === 'string' && isBundle(f.path))) return undefined;
    return files.map((f) => ({ path: f.path!, content: f.content! }));
  } catch {
    return undefined;
  }
}

const BUNDLE_HEADER = '// Generated by stackql-docgen: the runtime\'s .ts sources beside it, bundled (vite, vitest and node load this; TypeScript reads the .ts). Do not edit.';
const bundled = new Map<string, EmittedFile[]>();

/**
 * Each BUNDLE_ENTRIES module among `copies` as one ES module `.js` beside its `.ts`, the code that
 * two entries share in CHUNK_DIR (so an engine made through one entry is the same class as
 * another's); packages (`msw`, `sql.js`, `node:*`) stay imports. A `./x.js` specifier names the
 * `.js` when it exists: vite and vitest then load a few plain modules instead of transforming every
 * copied `.ts` (each transform costs vitest's main process memory: on the google.compute MSW test,
 * ~60 modules cost ~100 MB more than the bundles), while TypeScript still resolves `./x.js` to
 * `x.ts` first and type-checks the sources. esbuild's output is a function of its input and
 * version: the same copies give the same bytes. Those of the default runtimes come ready-made
 * with the compiled package (PREBUILT_BUNDLES, or the file `prebuilt` names); `false` runs esbuild all the same.
 */
export function runtimeBundles(copies: readonly EmittedFile[], prebuilt: string | false = PREBUILT_FILE): EmittedFile[] {
  const sources = new Map(copies.map((f) => [f.path, f.content]));
  const entries = BUNDLE_ENTRIES.filter((e) => sources.has(e));
  if (entries.length === 0) return [];
  const key = bundleKey(sources);
  // Remembered per file asked for too: a run that asks for esbuild's own bundles gets them.
  const memo = `${prebuilt || ''}\u0000${key}`;
  const cached = bundled.get(memo) ?? (prebuilt === false ? undefined : loadPrebuiltBundles(prebuilt, key));
  if (cached) {
    bundled.set(memo, cached);
    return cached;
  }
  // esbuild's synchronous API takes no plugins: the copies are bundled from a scratch folder.
  const dir = mkdtempSync(join(tmpdir(), 'stackql-docgen-runtime-'));
  try {
    for (const [path, content] of sources) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const result = buildSync({
      absWorkingDir: dir,
      entryPoints: entries.map((e) => ({ in: e, out: e.replace(/\.ts$/, '') })),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outdir: dir,
      chunkNames: `${CHUNK_DIR}[name]-[hash]`,
      // Every bare specifier (msw, sql.js, ajv, vitest, node:*) stays an import.
      packages: 'external',
      banner: { js: BUNDLE_HEADER },
      legalComments: 'none',
      // Not minified: the bundles stay readable, and esbuild then keeps the sources' notes to
      // bundlers on an import() of a computed name (`node:fs/promises` outside a browser, the
      // optional `pg`), which minifying drops.
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
    });
    const files = result.outputFiles.map((f) => ({ path: relative(dir, f.path).split(sep).join('/'), content: f.text }));
    bundled.set(memo, files);
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  return files.map((f) => (!/\.[jt]s$/.test(f.path) ? f : {
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
