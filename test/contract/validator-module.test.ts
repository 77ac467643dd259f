// The generated validator modules are one call, `defineRowValidator(id, schemaJson[, columns])`, in
// plain JavaScript with a declaration file beside it that types them by the client's Row:
// for every resource of docs/ the module's validator has the columns and accepts and rejects
// exactly the rows that the validator built from the model in memory does (the resource's row
// schema and columns, createRowValidator), and the columns keep the docs' order where JavaScript's
// own key order would not (integer-like names).
import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import type { Resource } from '../../generator/core/model.ts';
import { emitValidatorResource, resourceRowSchema, rowColumns } from '../../generator/emit/validators.ts';
import { createRowValidator, defineRowValidator, rowCheck, type RowValidator } from '../../mocks/contract/validate.ts';
import { docsModel } from './helpers.ts';

const model = docsModel();

/** The emitted module's text (validators/p/s/r.js). */
function moduleText(resource: Resource): string {
  const files = emitValidatorResource(resource, 'p/s/r');
  expect(files.map((f) => f.path)).toEqual(['validators/p/s/r.js', 'validators/p/s/r.d.ts']);
  return files[0]!.content;
}

/** The module's validator, as the emitted file builds it: its call's arguments, evaluated (they are plain literals). */
function moduleValidator(resource: Resource): ReturnType<typeof defineRowValidator> {
  const text = moduleText(resource);
  const call = /^export const \{ columns, rowValidator \} = defineRowValidator\((.*)\);$/m.exec(text);
  expect(call, `${resource.id}: one defineRowValidator call`).not.toBeNull();
  const args = new Function(`return [${call![1]}];`)() as [string, string, (readonly string[])?];
  return defineRowValidator(...args);
}

/** The validator from the model in memory: the schema and columns the generator derives. */
function modelValidator(resource: Resource): RowValidator<unknown> {
  return createRowValidator(resource.id, rowColumns(resource).map((c) => c.name), rowCheck(resourceRowSchema(resource)));
}

const VALUES: unknown[] = [null, 'x', '12', '-3', 7, 1.5, true, [], [1, 'a'], {}, { a: 1 }, { kind: 'x', items: [{}] }];

/** Rows that probe every column with every kind of value, one at a time and all at once, plus an undocumented field. */
function probeRows(columns: readonly string[]): unknown[] {
  const rows: unknown[] = [{}, [], 'row', null, { undocumented: 1 }];
  for (const value of VALUES) {
    rows.push(Object.fromEntries(columns.map((c) => [c, value])));
    for (const c of columns) rows.push({ [c]: value });
  }
  return rows;
}

describe('generated validator modules', () => {
  it('check every docs/ resource exactly as the validator built from the model does', () => {
    expect(model.resources.length).toBeGreaterThan(5);
    for (const resource of model.resources) {
      const lean = moduleValidator(resource);
      const full = modelValidator(resource);
      expect(lean.columns, resource.id).toEqual(full.columns);
      expect(lean.rowValidator.resource).toBe(resource.id);
      for (const options of [{}, { complete: true }, { allowExtra: true }]) {
        const rows = probeRows(full.columns);
        expect(lean.rowValidator.validateRows(rows, options), resource.id).toEqual(full.validateRows(rows, options));
        expect(rows.map((r) => lean.rowValidator.isRow(r))).toEqual(rows.map((r) => full.isRow(r)));
      }
    }
  });

  it('give the columns in the docs\' order when integer-like names would reorder the schema\'s keys', () => {
    const base = model.resources.find((r) => r.id === 'google.cloudidentity.userinvitations')!;
    const names = ['zeta', '10', 'alpha', '2'];
    const resource: Resource = { ...base, fields: base.fields.slice(0, 4).map((f, k) => ({ ...f, name: names[k]! })) };
    const expected = rowColumns(resource).map((c) => c.name);
    expect(expected.slice(0, 4)).toEqual(names);
    const text = moduleText(resource);
    expect(text).toContain("'zeta', '10', 'alpha', '2'"); // given, since Object.keys would put '2', '10' first
    const lean = moduleValidator(resource);
    expect(lean.columns).toEqual(expected);
    const rows = probeRows(expected);
    expect(lean.rowValidator.validateRows(rows, { complete: true })).toEqual(modelValidator(resource).validateRows(rows, { complete: true }));
    // Names in their own order need no list: the module is the schema alone.
    expect(moduleText(base)).not.toMatch(/', \['/);
  });

  it('are JavaScript as they are (no TypeScript to strip), typed by the declaration file beside them', () => {
    const resource = model.resources.find((r) => r.id === 'google.cloudidentity.userinvitations')!;
    const [js, dts] = emitValidatorResource(resource, 'google/cloudidentity/userinvitations');
    // Everything but the imports and the export runs as a script: a type annotation would be a syntax error.
    const body = js!.content.replace(/^import .*$/m, '').replace(/^export const /m, 'const ');
    expect(() => new Function('defineRowValidator', body)).not.toThrow();
    expect(js!.content).not.toMatch(/\bimport type\b|<Row>/);
    expect(dts!.content).toContain("import type { Row } from '../../../clients/google/cloudidentity/userinvitations.js';");
    expect(dts!.content).toContain("export declare const rowValidator: RowValidatorModule<Row>['rowValidator'];");
    expect(dts!.content).toContain("export declare const columns: RowValidatorModule<Row>['columns'];");
  });

  it('compile a row schema once per process, however many resources share its text, and each reports as its own resource', () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      // A property name no other test uses, so that no earlier test compiled this text.
      const text = JSON.stringify({ type: 'object', properties: { sharedOnce: { type: ['string', 'null'] } } });
      const [a, b] = [defineRowValidator('p.s.a', text), defineRowValidator('p.s.b', text)];
      expect(compile).not.toHaveBeenCalled(); // compiled on first use, not when the module loads
      expect(a.rowValidator.validateRows([{ sharedOnce: 1 }])).toMatchObject([{ kind: 'wrong-type', field: 'sharedOnce' }]);
      expect(b.rowValidator.validateRows([{ sharedOnce: 'x' }, { sharedOnce: true }])).toMatchObject([{ kind: 'wrong-type', row: 1, field: 'sharedOnce' }]);
      expect(() => b.rowValidator.assertRows([{ sharedOnce: 2 }])).toThrowError(/^rows of p\.s\.b do not match the docs/);
      expect(compile).toHaveBeenCalledTimes(1);
      defineRowValidator('p.s.c', text.replace('"null"', '"integer"')).rowValidator.validateRows([{}]);
      expect(compile).toHaveBeenCalledTimes(2);
    } finally {
      compile.mockRestore();
    }
  });

  it('refuse a schema without properties, naming the resource', () => {
    expect(() => defineRowValidator('p.s.r', '{"type":"object"}')).toThrowError('the row schema of p.s.r has no properties object');
    expect(() => defineRowValidator('p.s.r', 'null')).toThrowError('the row schema of p.s.r has no properties object');
  });
});
