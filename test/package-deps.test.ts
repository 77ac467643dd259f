// package.json lists exactly what the code imports: every bare import of generator/, mocks/, test/,
// bench/, the templates (what the generated files import) and the config files is a listed
// package (or its @types/), and every listed package is imported, is the @types/ of one, or is a
// command of package.json's scripts.
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  name: string;
};
const listed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) files(path, out);
    else if (/\.(ts|mts|cts|js|mjs|cjs|hbs)$/.test(e.name)) out.push(path);
  }
  return out;
}

const SOURCES = [
  ...['generator', 'mocks', 'test', 'bench'].flatMap((d) => files(d)),
  ...readdirSync(ROOT).filter((f) => /^(vitest\..*\.ts|vitest\.config\.ts|\.dependency-cruiser\.cjs)$/.test(f)),
];

/** The package a bare specifier names: `msw/node` → msw, `@types/x/y` → @types/x; undefined for relative and builtin ones. */
export function packageOf(specifier: string): string | undefined {
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]*)?$/i.test(specifier) || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtinModules.includes(name) ? undefined : name;
}

// Static imports start their line (`import ... from 'x'`, `} from 'x'`, `import 'x'`), so an MDX or
// SQL fixture inside a string (`"...import P from '@site/p'..."`) is not one; dynamic ones go anywhere.
const SPECIFIERS = /(?:^\s*(?:import|export)\b[^'"\n]*?\bfrom\s*|^\s*\}\s*from\s*|^\s*import\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/gm;

/** Package → the files that import it. */
function imported(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of SOURCES) {
    // Comments may quote import lines (`import { x } from 'y'` in a doc comment): leave them out.
    const code = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [, spec] of code.matchAll(SPECIFIERS)) {
      const name = packageOf(spec);
      if (name === undefined) continue;
      const list = out.get(name) ?? [];
      if (!list.includes(file)) list.push(file);
      out.set(name, list);
    }
  }
  return out;
}

/** The commands package.json's scripts run (first word of each command of each script). */
function scriptCommands(): Set<string> {
  const words = new Set<string>();
  for (const script of Object.values(pkg.scripts)) {
    for (const command of script.split(/&&|\|\||;/)) {
      const first = command.trim().split(/\s+/)[0];
      if (first) words.add(first);
    }
  }
  return words;
}

function binsOf(name: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
    if (typeof manifest.bin === 'string') return [name.replace(/^@[^/]+\//, '')];
    return Object.keys(manifest.bin ?? {});
  } catch {
    return [];
  }
}

describe('package.json', () => {
  const uses = imported();

  it('lists every package the code imports', () => {
    const missing = [...uses.keys()].filter((name) => name !== pkg.name && !listed.has(name) && !listed.has(`@types/${name}`)).map((name) => `${name} (imported by ${uses.get(name)!.join(', ')})`);
    expect(missing, 'imported but not in dependencies/devDependencies').toEqual([]);
  });

  it('lists nothing the code does not use', () => {
    const commands = scriptCommands();
    const usesNode = SOURCES.some((f) => /\bfrom\s*['"]node:/.test(readFileSync(join(ROOT, f), 'utf8')));
    const unused = [...listed].filter((name) => {
      if (uses.has(name)) return false;
      const typed = /^@types\/(.*)$/.exec(name)?.[1];
      if (typed !== undefined) return !(uses.has(typed) || (typed === 'node' && usesNode) || uses.has(typed.replace(/^(.*)__(.*)$/, '@$1/$2')));
      return !binsOf(name).some((bin) => commands.has(bin));
    });
    expect(unused, 'listed in package.json but neither imported nor run by a script').toEqual([]);
  });

  it('reads specifiers as packages', () => {
    expect(packageOf('msw/node')).toBe('msw');
    expect(packageOf('@types/node')).toBe('@types/node');
    expect(packageOf('@scope/pkg/sub')).toBe('@scope/pkg');
    expect(packageOf('node:fs')).toBeUndefined();
    expect(packageOf('fs')).toBeUndefined();
    expect(packageOf('./x.ts')).toBeUndefined();
    expect(packageOf(', ')).toBeUndefined(); // SQL in a test: `SELECT a from ', '`
  });
});
