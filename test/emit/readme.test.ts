// generated/README.md lists exactly the packages the generated code imports: checked against
// TypeScript's own reading of every emitted file's imports, for each choice of outputs.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitAll, type EmittedFile } from '../../generator/emit/index.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();

/** Package names TypeScript finds imported by the .ts files (node: and relative ones left out). */
function importsSeenByTypeScript(files: readonly EmittedFile[]): string[] {
  const names = new Set<string>();
  for (const f of files.filter((x) => x.path.endsWith('.ts'))) {
    for (const { fileName } of ts.preProcessFile(f.content, true, true).importedFiles) {
      if (fileName.startsWith('.') || fileName.startsWith('node:')) continue;
      names.add(fileName.startsWith('@') ? fileName.split('/').slice(0, 2).join('/') : fileName.split('/')[0]!);
    }
  }
  return [...names].sort();
}

function listedInReadme(files: readonly EmittedFile[]): string[] {
  const readme = files.find((f) => f.path === 'README.md')!.content;
  return [...readme.matchAll(/^\| `([^`]+)` \| `[^`]+` \|/gm)].map((m) => m[1]!).sort();
}

describe('generated/README.md', () => {
  it('lists exactly the packages of every output', () => {
    const files = emitAll(model);
    expect(listedInReadme(files)).toEqual(importsSeenByTypeScript(files));
    expect(listedInReadme(files)).toEqual(expect.arrayContaining(['msw', 'sql.js', 'vitest']));
  });

  it('lists none for clients alone, with pg as the optional one', () => {
    const files = emitAll(model, { outputs: ['clients'] });
    expect(importsSeenByTypeScript(files)).toEqual([]);
    const readme = files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('None: the code here imports only Node built-ins and its own files.');
    expect(readme).toMatch(/^- `pg` \(`[^`]+`\): `createPgTransport`/m);
  });

  it('lists the package itself when the runtimes are imported from it', () => {
    const files = emitAll(model, { outputs: ['clients', 'mocks'], runtime: 'package' });
    expect(listedInReadme(files)).toEqual(importsSeenByTypeScript(files));
    expect(listedInReadme(files)).toContain('stackql-docgen');
    expect(listedInReadme(files)).not.toContain('vitest');
  });
});
