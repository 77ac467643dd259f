/**
 * generator/runtime/ is copied verbatim into users' projects and bundled for browsers: it may import
 * only its own files and use only what both Node 20 and browsers have.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MethodDescriptor as PlannedDescriptor } from '../../generator/core/descriptor.ts';
import type { MethodDescriptor } from '../../generator/runtime/resource-client.ts';

/** true when A and B are the same type (each assignable to the other); checked by tsc (npm run typecheck). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const descriptorsAgree: Same<PlannedDescriptor, MethodDescriptor> = true;

const dir = fileURLToPath(new URL('../../generator/runtime/', import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith('.ts'));

describe('generator/runtime is self-contained', () => {
  it('has the expected modules', () => {
    expect(files.sort()).toEqual(['client.ts', 'errors.ts', 'http-transport.ts', 'index.ts', 'pg-transport.ts', 'render.ts', 'resource-client.ts', 'split-queries.ts', 'transport.ts']);
  });

  it('declares the method descriptor as core/descriptor.ts does (the planner\'s), checked at compile time', () => {
    expect(descriptorsAgree).toBe(true);
  });

  for (const file of files) {
    it(`${file} imports only sibling runtime files and no Node-only globals`, () => {
      const source = readFileSync(dir + file, 'utf8');
      const specifiers = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1] ?? m[2],
      );
      for (const specifier of specifiers) {
        expect(specifier).toMatch(/^\.\/[a-z-]+\.ts$/);
        expect(files).toContain(specifier.slice(2));
      }
      expect(source).not.toMatch(/\brequire\s*\(/);
      expect(source).not.toMatch(/\b(process|Buffer|__dirname|__filename)\b/);
    });
  }
});
