/**
 * The model schema's validators as `npm run build` ships them (model/validate.ts: ajv standalone
 * code in dist/generator/model/model-validate.cjs): they answer as the validators compiled at run
 * time do, and a module made from another schema, a corrupt one or none is refused (undefined:
 * the caller compiles the schema itself), never trusted.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeResource } from '../../generator/core/model-codec.ts';
import { extractPageSafely } from '../../generator/extract/resource.ts';
import { loadPrebuiltValidators, validateModel, validateResource } from '../../generator/model/validate.ts';
import { prebuiltValidatorModule } from '../../generator/model/validator-module.ts';
import { ROOT, docsModel } from '../helpers/model.ts';

const schemaText = readFileSync(join(ROOT, 'generator/model/model.schema.json'), 'utf8');
let dir: string;
let file: string;

beforeAll(() => {
  // Inside the project, as dist/ is: the module requires ajv's runtime helpers from node_modules.
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  dir = mkdtempSync(join(ROOT, '.cache', 'prebuilt-validator-'));
  file = join(dir, 'model-validate.cjs');
  writeFileSync(file, prebuiltValidatorModule(schemaText));
}, 30_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function storedResource(): Record<string, unknown> {
  const page = join(ROOT, 'test/fixtures/reader/providers/acme/demo/widgets/index.md');
  const result = extractPageSafely(readFileSync(page, 'utf8'), page);
  if (result.kind !== 'resource') throw new Error(`fixture page gave ${result.kind}`);
  return JSON.parse(JSON.stringify(encodeResource(result.resource))) as Record<string, unknown>;
}

describe('the prebuilt model validators', () => {
  it('answer as the validators compiled at run time', () => {
    const prebuilt = loadPrebuiltValidators(file, schemaText);
    expect(prebuilt).toBeDefined();
    const problems = (v: NonNullable<typeof prebuilt>['resource'], value: unknown) => (v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
    const good = storedResource();
    const bad = [{ ...good, id: 7 }, { ...good, methods: 'none' }, (({ name: _, ...rest }) => rest)(good), {}];
    expect(problems(prebuilt!.resource, good)).toEqual([]);
    expect(validateResource(good)).toEqual([]);
    for (const value of bad) {
      const expected = validateResource(value);
      expect(expected.length).toBeGreaterThan(0);
      expect(problems(prebuilt!.resource, value)).toEqual(expected);
    }
    const model = JSON.parse(JSON.stringify(docsModel())) as unknown;
    expect(problems(prebuilt!.whole, model)).toEqual(validateModel(model));
    expect(problems(prebuilt!.whole, { resources: 1 })).toEqual(validateModel({ resources: 1 }));
  });

  it('are refused when made from another schema', () => {
    const other = schemaText.replace('"title"', '"description": "changed", "title"');
    expect(other).not.toBe(schemaText);
    expect(loadPrebuiltValidators(file, other)).toBeUndefined();
  });

  it('are refused when the module is corrupt, lacks a validator or is missing', () => {
    const module = readFileSync(file, 'utf8');
    const cases: Array<[string, string]> = [
      ['truncated.cjs', module.slice(0, module.length / 2)],
      ['no-key.cjs', module.replace(/\nexports\.key = [^\n]*\n$/, '\n')],
      ['no-resource.cjs', `${module}\nexports.resource = undefined;\n`],
    ];
    for (const [name, text] of cases) {
      writeFileSync(join(dir, name), text);
      expect(loadPrebuiltValidators(join(dir, name), schemaText), name).toBeUndefined();
    }
    expect(loadPrebuiltValidators(join(dir, 'none.cjs'), schemaText)).toBeUndefined();
  });
});
