/**
 * model.json's stored form (generator/core/model-codec.ts) loses nothing: docs/ and the shipped
 * fixtures round-trip resource by resource, hand-made resources that break every omission rule
 * round-trip too, and a reader of another model version, or of another stackql-docgen, is refused. test/corpus/model-codec.test.ts
 * does the same for every corpus generation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel, decodeResource, encodeResource, parseModel } from '../../generator/core/model-codec.ts';
import { MODEL_VERSION, type Resource } from '../../generator/core/model.ts';
import { PACKAGE_VERSION, WRITER } from '../../generator/core/writer.ts';
import { modelTextOf } from '../../generator/model/model-text.ts';
import { manifestProps } from '../../generator/core/names.ts';
import { stringType, unknownType } from '../../generator/core/types.ts';
import { listPages } from '../../generator/read/list-pages.ts';
import { asJson, roundTripPages, throughStoredForm } from '../helpers/codec.ts';
import { docsModel, ROOT } from '../helpers/model.ts';

describe('model.json\'s stored form', () => {
  it('gives back every resource of docs/ and of the fixtures, as extracted and as assembled', () => {
    for (const folder of ['docs', 'test/fixtures/reader', 'test/fixtures/broken']) {
      const trip = roundTripPages(listPages(join(ROOT, folder)));
      expect(trip.extracted, folder).toBeGreaterThan(0);
      expect(trip.lost, folder).toEqual([]);
      expect(trip.unstable, folder).toEqual([]);
      if (folder === 'docs') expect(trip.storedBytes).toBeLessThan(trip.wholeBytes * 0.8);
    }
  });

  it('leaves out what it can work out again, and nothing the reader could not', () => {
    const model = docsModel();
    const stored = model.resources.map((r) => JSON.stringify(encodeResource(r))).join('\n');
    // Booleans, not the text: a failure would print all of docs/.
    expect(stored.includes('"type":{"kind":"unknown"}')).toBe(false);
    expect(stored.includes('"open":true')).toBe(false);
    expect(/"requiredParamsResolved":\["param"(,"param")*\]/.test(stored)).toBe(false);
    const storedFields = model.resources.flatMap((r) => (encodeResource(r)['fields'] as Array<Record<string, unknown>>));
    expect(storedFields.filter((f) => !('typeRef' in f)).length).toBeGreaterThan(storedFields.length / 2);
    expect(storedFields.some((f) => !('line' in f))).toBe(true);
    // Decoded, every field has them again.
    expect(model.resources.every((r) => r.fields.every((f) => f.typeRef !== undefined && typeof f.line === 'number' && typeof f.description === 'string'))).toBe(true);
  });

  it('keeps each value that differs from what the rules would work out', () => {
    const base = docsModel().resources.find((r) => manifestProps(r.manifest).length > 2 && r.fields.length > 3 && r.methods.length > 2)!;
    const r = structuredClone(base) as Resource;
    const [f0, f1, f2, f3] = r.fields;
    f0!.typeRef = stringType({ format: 'made-up' });
    f1!.description = '';
    f1!.rawType = 'STRING (odd)';
    f2!.line = f1!.line + 1; // not the step of the two before it
    f3!.children = [{ name: 'inner', type: 'integer', rawType: 'integer', description: '', typeRef: unknownType(), line: f3!.line + 1 }];
    r.params.push({ name: 'only_by_name', type: 'string', rawType: 'string', description: 'x', typeRef: stringType(), origin: 'methods', line: 1 });
    r.methods[0]!.requiredParamsResolved = r.methods[0]!.requiredParams.map(() => 'body');
    r.methods[1]!.rawVerb = 'SELECT';
    const body = manifestProps(r.manifest);
    delete body[0]!.typeRef;
    body[1]!.description = 'with `ticks`';
    body[2]!.typeRef = stringType({ format: 'not-what-the-manifest-says' });
    const leaf = (function find(nodes: typeof body): (typeof body)[number] | undefined {
      for (const n of nodes) if (n.props === undefined) return n; else { const x = find(n.props); if (x) return x; }
      return undefined;
    })(body)!;
    delete leaf.value;
    r.examples.push({ verb: 'select', method: 'get', sql: 'SELECT 1', line: 3 });
    r.examples.push({ verb: 'select', method: 'get', variant: 'other', sql: 'SELECT 2', line: 4 });
    r.fieldSets.push({ method: 'list', label: 'List', fields: [f1!.name], line: 2 });
    expect(asJson(throughStoredForm(r))).toEqual(asJson(r));
  });

  it('is read only by this major version: an older reader is refused with what to do', () => {
    const text = JSON.stringify({ version: '2.0.0', resources: [], diagnostics: [], summary: { pages: 0, resources: 0, skipped: {}, methods: 0, examples: 0 } });
    expect(() => parseModel(text, 'old.json')).toThrow(/old\.json has version 2\.0\.0; this stackql-docgen reads model version 3\.\d+\.\d+/);
    expect(() => decodeModel({ version: '3.0.0' }, 'x.json')).toThrow('x.json is not a model (no "resources" array)');
    expect(() => parseModel('{', 'y.json')).toThrow(/^y\.json is not JSON/);
    expect(decodeResource(null)).toBeNull();
  });

  it('is read only by the stackql-docgen that wrote it: another version, or none, is refused with what to do', () => {
    const empty = { version: MODEL_VERSION, resources: [], diagnostics: [], summary: { pages: 0, resources: 0, skipped: {}, methods: 0, examples: 0 } };
    const model = parseModel(modelTextOf(decodeModel({ ...empty, writer: WRITER })).text, 'm.json');
    expect(model).toEqual(empty);
    expect(Object.keys(model)).not.toContain('writer');
    expect(() => decodeModel({ ...empty, writer: 'stackql-docgen 9.9.9' }, 'new.json')).toThrow(
      /^new\.json was written by stackql-docgen 9\.9\.9; this is stackql-docgen \S+, which reads model\.json with its own rules\. Run `stackql-docgen generate` again/,
    );
    expect(() => decodeModel({ ...empty }, 'old.json')).toThrow(/^old\.json was written by an earlier stackql-docgen \(it has no "writer"\)/);
  });

  it('names its writer with the version package.json gives', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(PACKAGE_VERSION).toBe(pkg.version);
    expect(WRITER).toBe(`stackql-docgen ${pkg.version}`);
  });
});
