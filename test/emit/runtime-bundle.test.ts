import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputPathOf, runtimeFiles } from '../../generator/emit/runtime-bundle.ts';

/** Relative specifiers of import/export statements, comments removed first. */
function relativeImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
}

describe('runtimeFiles: every hand-written runtime, copied with one layout', () => {
  const all = runtimeFiles();
  const paths = new Set(all.map((f) => f.path));

  it('places each project folder in its own output folder', () => {
    expect(outputPathOf('generator/runtime/render.ts')).toBe('runtime/render.ts');
    expect(outputPathOf('generator/core/sql/parser.ts')).toBe('core/sql/parser.ts');
    expect(outputPathOf('mocks/engine/store.ts')).toBe('mock-runtime/engine/store.ts');
    expect(outputPathOf('mocks/contract/suite.ts')).toBe('contract-runtime/suite.ts');
    expect(() => outputPathOf('test/helpers/model.ts')).toThrow(/outside every runtime folder/);
    expect(() => outputPathOf('mocks/server/server.ts')).toThrow(/outside every runtime folder/);
  });

  it('brings along the core files the runtimes import, and nothing of the tools', () => {
    for (const p of ['runtime/index.ts', 'mock-runtime/engine/index.ts', 'mock-runtime/msw/index.ts', 'contract-runtime/suite.ts', 'core/sql/index.ts', 'core/model.ts']) {
      expect(paths, p).toContain(p);
    }
    for (const p of paths) expect(p).toMatch(/^(runtime|core|mock-runtime|contract-runtime)\//);
  });

  it('rewrites every relative import to a copied file, with a .js specifier', () => {
    for (const f of all) {
      for (const spec of relativeImports(f.content)) {
        expect(spec, `${f.path} imports ${spec}`).toMatch(/\.js$/);
        const target = posix.normalize(posix.join(posix.dirname(f.path), spec)).replace(/\.js$/, '.ts');
        expect(paths.has(target), `${f.path} imports ${spec}, which is not copied`).toBe(true);
      }
    }
  });

  it('copies the client runtime alone when asked, with no mock or contract code', () => {
    const client = runtimeFiles(['client']).map((f) => f.path);
    expect(client).toContain('runtime/resource-client.ts');
    expect(client.filter((p) => !p.startsWith('runtime/'))).toEqual([]);
  });
});
