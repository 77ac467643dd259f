import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION, type Model } from '../../generator/core/model.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { readModelFile } from '../../mocks/server/model.ts';

const empty = (version: unknown) => ({ version, resources: [], diagnostics: [], summary: { pages: 0, resources: 0, skipped: {}, methods: 0, examples: 0 } }) as unknown as Model;

describe('a model written in another format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-version-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused by the engine with what to do, not misread', () => {
    expect(() => createMockEngine({ model: empty('1.0.0') })).toThrow(/version 1\.0\.0; this stackql-docgen reads model version \d+\.\d+\.\d+\. Run `stackql-docgen generate` again/);
    expect(() => createMockEngine({ model: empty(undefined) })).toThrow(/has no version/);
  });

  it('is refused by the server when read from a file, naming the file', () => {
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify(empty('1.0.0')));
    expect(() => readModelFile(file)).toThrow(`'${file}' has version 1.0.0`);
    // Version 2 spelled out every type and default; a reader of it would misread the stored form of 3.
    writeFileSync(file, JSON.stringify(empty('2.0.0')));
    expect(() => readModelFile(file)).toThrow(`'${file}' has version 2.0.0; this stackql-docgen reads model version ${MODEL_VERSION}`);
  });

  it('of the same major version is read', () => {
    const [major] = MODEL_VERSION.split('.');
    expect(() => createMockEngine({ model: empty(`${major}.9.0`) })).not.toThrow();
  });
});
