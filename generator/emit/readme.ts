/**
 * generated/README.md: what the folder holds and exactly the packages its code imports, found in
 * the emitted files themselves (so the list cannot fall behind a runtime's imports), with the
 * version ranges this package was built and tested with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { packageRoot } from '../package-root.ts';
import type { EmittedFile } from './emitted-file.ts';
import { finish, render } from './templates.ts';

/** Imported only through a variable (pg-transport.ts), so no scan of the files sees it. */
const OPTIONAL = [{ name: 'pg', why: '`createPgTransport` (clients over the Postgres wire to `stackql srv`); loaded on first use' }];

// Static imports open their line; dynamic ones may be anywhere.
const SPECIFIER = /(?:^\s*(?:import|export)\b[^'"\n]*?\bfrom\s*|^\s*\}\s*from\s*|^\s*import\s+|\bimport\s*\(\s*)['"]([^'"\n]+)['"]/gm;

export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

/** Package → the top folders of the output whose files import it. */
export function importedPackages(files: readonly EmittedFile[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of files) {
    if (!/\.(ts|js|mjs)$/.test(f.path)) continue;
    for (const [, spec] of f.content.matchAll(SPECIFIER)) {
      const name = packageOf(spec!);
      if (name === undefined) continue;
      const folders = out.get(name) ?? new Set<string>();
      folders.add(f.path.includes('/') ? `${f.path.slice(0, f.path.indexOf('/'))}/` : f.path);
      out.set(name, folders);
    }
  }
  return out;
}

interface Manifest {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** What the README says of a set of files, gathered a file (or a cached resource) at a time. */
export interface ReadmeFacts {
  /** Package → top folders whose files import it. */
  packages: Map<string, Set<string>>;
  folders: Set<string>;
  hasClients: boolean;
}

export function readmeFacts(files: readonly EmittedFile[] = []): ReadmeFacts {
  const facts: ReadmeFacts = { packages: new Map(), folders: new Set(), hasClients: false };
  noteFiles(facts, files);
  return facts;
}

export function noteFiles(facts: ReadmeFacts, files: readonly EmittedFile[]): void {
  for (const [name, folders] of importedPackages(files)) {
    const known = facts.packages.get(name) ?? new Set<string>();
    folders.forEach((f) => known.add(f));
    facts.packages.set(name, known);
  }
  for (const f of files) {
    facts.folders.add(f.path.includes('/') ? `${f.path.slice(0, f.path.indexOf('/'))}/` : f.path);
    if (f.path.startsWith('runtime/') || f.content.includes("from 'stackql-docgen/runtime")) facts.hasClients = true;
  }
}

export function emitReadme(files: readonly EmittedFile[] | ReadmeFacts, manifest: Manifest = readManifest()): EmittedFile {
  const facts = Array.isArray(files) ? readmeFacts(files as readonly EmittedFile[]) : (files as ReadmeFacts);
  const range = (name: string) =>
    name === 'stackql-docgen' ? `^${manifest.version}` : (manifest.peerDependencies?.[name] ?? manifest.dependencies?.[name] ?? manifest.devDependencies?.[name] ?? '*');
  const used = facts.packages;
  const packages = [...used.keys()].sort().map((name) => ({ name, range: range(name), folders: [...used.get(name)!].sort().join(', ') }));
  const folders = [...facts.folders].sort();
  const optional = facts.hasClients ? OPTIONAL.map((o) => ({ ...o, range: range(o.name) })) : [];
  const install = packages.map((p) => `${p.name}@'${p.range}'`).join(' ');
  return { path: 'README.md', content: finish(render('generated-readme', { packages, optional, install, folders, contract: folders.includes('contract/') })) };
}

/** Facts as one word (no spaces), for the emit cache: `pkg>folder;...`, `!` first when hasClients. */
export function factsText(facts: ReadmeFacts): string {
  const pairs = [...facts.packages].flatMap(([name, folders]) => [...folders].map((f) => `${name}>${f}`));
  return `${facts.hasClients ? '!' : '-'}${pairs.join(';')}`;
}

/** Adds facts read back from factsText (folders come from the files' paths). */
export function noteFactsText(facts: ReadmeFacts, text: string, paths: readonly string[]): void {
  if (text.startsWith('!')) facts.hasClients = true;
  for (const pair of text.slice(1).split(';')) {
    if (!pair) continue;
    const [name, folder] = pair.split('>');
    const known = facts.packages.get(name!) ?? new Set<string>();
    known.add(folder!);
    facts.packages.set(name!, known);
  }
  for (const p of paths) facts.folders.add(p.includes('/') ? `${p.slice(0, p.indexOf('/'))}/` : p);
}

function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as Manifest;
}
