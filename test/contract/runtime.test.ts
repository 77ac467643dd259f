// The hand-written contract runtime on its own: row validators (what they accept, and messages
// that name the row and the field), statement shapes, and the drift report's helpers.
import { describe, expect, it } from 'vitest';
import { buildReport, missingParamsIn, paramsNamedIn, renderMarkdown, summaryLines, type DriftEntry } from '../../mocks/contract/drift.ts';
import { compareShapes, jsonKeys, shapeOf, suppliedNames, supplies } from '../../generator/core/statement-shape.ts';
import { renderWithout } from '../../mocks/contract/statements.ts';
import { RowValidationError, compileRowCheck, createRowValidator, rowCheck, validateRow, validateRows, type CompiledCheck } from '../../mocks/contract/validate.ts';
import { rowSchema } from '../../generator/core/json-schema.ts';
import { arrayType, booleanType, numericType, objectType, stringType, unknownType, type TypeRef } from '../../generator/core/types.ts';

/** Columns and their compiled check, the way the generated validators compile them (the runtime's ajv). */
function compiled(columns: Record<string, TypeRef>): { columns: string[]; check: CompiledCheck } {
  const list = Object.entries(columns).map(([name, type]) => ({ name, type }));
  return { columns: list.map((c) => c.name), check: compileRowCheck(rowSchema(list)) };
}

const invitations = compiled({
  name: stringType(),
  mailsSentCount: stringType({ format: 'int64' }),
  state: stringType({ enum: ['NOT_YET_SENT', 'INVITED', 'ACCEPTED', 'DECLINED'] }),
  updateTime: stringType({ format: 'google-datetime' }),
  size: numericType('integer'),
  ratio: numericType('number'),
  active: booleanType(),
  labels: objectType(),
  tags: arrayType(),
  creator: objectType([{ name: 'id', type: stringType() }, { name: 'age', type: numericType('integer') }]),
  members: arrayType(objectType([{ name: 'email', type: stringType() }], false)),
  anything: unknownType(),
});
const check = (row: unknown, options = {}, index = 0) => validateRow(invitations.check, invitations.columns, row, options, index);

describe('validateRow', () => {
  it('accepts a row of the documented types, nulls included at the top', () => {
    const row = {
      name: 'n',
      mailsSentCount: '42',
      state: 'INVITED',
      updateTime: '2024-01-01T00:00:00.000Z',
      size: 3,
      ratio: 1.5,
      active: false,
      labels: { a: 'b' },
      tags: ['x'],
      creator: { id: 'u', other: 1 },
      members: [{ email: 'a@b.c' }, {}],
      anything: [1, { a: 2 }],
    };
    expect(check(row, { complete: true })).toEqual([]);
    expect(check(Object.fromEntries(invitations.columns.map((k) => [k, null])), { complete: true })).toEqual([]);
  });

  it('names the row and the field, what the docs say and what came', () => {
    expect(check({ mailsSentCount: 42 })).toEqual([
      {
        kind: 'wrong-type',
        row: 0,
        field: 'mailsSentCount',
        path: 'mailsSentCount',
        expected: 'a string',
        actual: 'number',
        message: "row 0: field 'mailsSentCount' should be a string, got number",
      },
    ]);
    const messages = (row: Record<string, unknown>, index = 0) => check(row, {}, index).map((v) => v.message);
    expect(messages({ mailsSentCount: 'forty' }, 2)).toEqual(["row 2: field 'mailsSentCount' should be a string matching ^-?[0-9]+$, got 'forty'"]);
    expect(messages({ updateTime: 'yesterday' })[0]).toMatch(/^row 0: field 'updateTime' should be a string matching .*, got 'yesterday'$/);
    expect(messages({ state: 'LOST' })).toEqual(["row 0: field 'state' should be one of 'NOT_YET_SENT', 'INVITED', 'ACCEPTED', 'DECLINED', got 'LOST'"]);
    expect(messages({ size: 1.5, ratio: '1', active: 'true' })).toEqual([
      "row 0: field 'size' should be an integer, got number",
      "row 0: field 'ratio' should be a number, got string",
      "row 0: field 'active' should be a boolean, got string",
    ]);
    expect(messages({ labels: [], tags: {} })).toEqual(["row 0: field 'labels' should be an object, got array", "row 0: field 'tags' should be an array, got object"]);
    expect(messages({ creator: { id: 5 } })).toEqual(["row 0: field 'creator.id' should be a string, got number"]);
    expect(messages({ members: [{ email: 'a' }, { email: true }] })).toEqual(["row 0: field 'members[1].email' should be a string, got boolean"]);
    expect(messages({ members: [{ email: 'a', extra: 1 }] })).toEqual(["row 0: field 'members[0]' should be no member 'extra', got object"]);
    // Nested members are not nullable: the client's types say `email?: string`.
    expect(messages({ members: [{ email: null }] })).toEqual(["row 0: field 'members[0].email' should be a string, got null"]);
  });

  it('reports undocumented fields, and documented or asked-for fields that are missing', () => {
    const { check: ab, columns } = compiled({ a: stringType(), b: stringType() });
    expect(validateRow(ab, columns, { a: 'x', extra: 1 }, { complete: true }).map((v) => [v.kind, v.message])).toEqual([
      ['missing-field', "row 0: documented field 'b' is missing"],
      ['extra-field', "row 0: field 'extra' is not documented"],
    ]);
    // Asked-for columns must be there; params may come back as columns.
    expect(validateRow(ab, columns, { a: 'x', project: 'p' }, { columns: ['a', 'b'], allowExtra: ['project'] }).map((v) => v.message)).toEqual([
      "row 0: documented field 'b' is missing",
    ]);
    expect(validateRow(ab, columns, { c: 1 }, { columns: ['c'] })).toEqual([]);
    expect(validateRow(ab, columns, { c: 1 }, { allowExtra: true })).toEqual([]);
    expect(validateRow(ab, columns, 'text').map((v) => v.message)).toEqual(['row 0 should be an object, got string']);
    // A field named like an Object.prototype member is a field like any other.
    const proto = compiled({ __proto__: stringType(), constructor: numericType('integer') } as unknown as Record<string, TypeRef>);
    expect(Object.keys(rowSchema([{ name: '__proto__', type: stringType() }]).properties as object)).toEqual(['__proto__']);
    expect(validateRow(proto.check, proto.columns, JSON.parse('{"constructor": "x"}')).map((v) => v.message)).toEqual(["row 0: field 'constructor' should be an integer, got string"]);
  });

  it('validates many rows and stops at a limit', () => {
    const rows = [{ mailsSentCount: 1 }, { mailsSentCount: '2' }, { mailsSentCount: 3 }];
    expect(validateRows(invitations.check, invitations.columns, rows).map((v) => v.row)).toEqual([0, 2]);
    const { check: ab, columns } = compiled({ a: stringType(), b: stringType() });
    expect(validateRow(ab, columns, { a: 1, b: 2 })).toHaveLength(2);
    expect(validateRow(ab, columns, { a: 1, b: 2 }, { limit: 1 })).toHaveLength(1);
  });

  it('checks formats by their text', () => {
    const ok = (format: string, value: string) => validateRow(compiled({ v: stringType({ format }) }).check, ['v'], { v: value }).length === 0;
    expect(ok('int64', '-12')).toBe(true);
    expect(ok('uint64', '-12')).toBe(false);
    expect(ok('date-time', '2024-01-01T10:00:00+02:00')).toBe(true);
    expect(ok('date', '2024-02-30x')).toBe(false);
    expect(ok('byte', 'c2FtcGxl')).toBe(true);
    expect(ok('uuid', '00000000-0000-4000-8000-000000000000')).toBe(true);
    expect(ok('google-duration', '3.5s')).toBe(true);
    expect(ok('uri', 'anything')).toBe(true); // formats without a text form are annotations
  });

  it('gives typed validators: isRow for whole rows, assertRows that throws with every problem', () => {
    interface Row {
      id: string | null;
      count: number | null;
    }
    const { check: c, columns } = compiled({ id: stringType(), count: numericType('integer') });
    const v = createRowValidator<Row>('p.s.r', columns, c);
    const row: unknown = { id: 'a', count: 2 };
    if (v.isRow(row)) expect(row.count).toBe(2);
    expect(v.isRow({ id: 'a' })).toBe(false);
    expect(() => v.assertRows([{ id: 1 }, { count: 'x' }])).toThrowError(RowValidationError);
    expect(() => v.assertRows([{ id: 1 }])).toThrowError("rows of p.s.r do not match the docs:\n  row 0: field 'id' should be a string, got number");
    expect(() => v.assertRows([{ id: 'a' }])).not.toThrow();
  });

  it('compiles a schema given as data the first time a row is checked, once, with the same messages', () => {
    const schema = rowSchema([{ name: 'n', type: stringType({ format: 'int64' }) }]);
    const getters = { compiles: 0 };
    // ajv reads `properties` while compiling: a getter counts the compiles.
    const counted = { type: 'object', get properties() { getters.compiles += 1; return schema.properties; } };
    const lazy = rowCheck(counted);
    expect(getters.compiles).toBe(0);
    expect(validateRow(lazy, ['n'], { n: 12 })).toEqual(validateRow(compileRowCheck(schema), ['n'], { n: 12 }));
    const after = getters.compiles;
    expect(after).toBeGreaterThan(0);
    expect(validateRows(lazy, ['n'], [{ n: 'x' }, { n: '7' }]).map((p) => p.message)).toEqual(["row 0: field 'n' should be a string matching ^-?[0-9]+$, got 'x'"]);
    expect(getters.compiles).toBe(after);
  });
});

describe('statement shapes', () => {
  it('keep where each name goes, not the values', () => {
    expect(shapeOf("SELECT name, state FROM p.s.r WHERE a = '{{ a }}' AND b = 'x' AND c LIKE 'y%'", { templates: true })).toEqual({
      verb: 'select',
      target: 'p.s.r',
      columns: ['name', 'state'],
      where: ['a', 'b'],
    });
    expect(shapeOf("INSERT INTO p.s.r (data__name, project) SELECT 'n', 'p' RETURNING name", { templates: false })).toEqual({
      verb: 'insert',
      target: 'p.s.r',
      values: ['data__name', 'project'],
      returning: ['name'],
    });
    expect(shapeOf(`EXEC p.s.r.send @a = '1', @b = '2', @@json = '{"x": "{{ x }}", "n": {{ n }}}'`, { templates: true })).toEqual({
      verb: 'exec',
      target: 'p.s.r',
      method: 'send',
      args: ['a', 'b'],
      json: ['x', 'n'],
    });
    expect(shapeOf("UPDATE p.s.r SET data__a = 'x' WHERE id = '1'", { templates: false })).toMatchObject({ set: ['data__a'], where: ['id'] });
    expect(shapeOf('SELECT json_extract(a, "$.b") AS b FROM p.s.r', { templates: false }).columns).toBeUndefined();
    expect(jsonKeys({ type: 'placeholder', name: 'body', quoted: true, filters: [], raw: "'{{ body }}'" })).toBeUndefined();
  });

  it('compare as sets, by verb family, and say what differs', () => {
    const docs = shapeOf("SELECT a, b FROM p.s.r WHERE x = '1' AND y = '2'", { templates: false });
    expect(compareShapes(docs, shapeOf("SELECT b, a FROM P.S.R WHERE y = '2' AND x = '1'", { templates: false }))).toEqual([]);
    expect(compareShapes(docs, shapeOf("SELECT a FROM p.s.r WHERE x = '1' AND z = '3'", { templates: false })).map((d) => d.message)).toEqual([
      "SELECT columns: the client's statement lacks 'b' (docs' example: a, b)",
      "WHERE params: the client's statement lacks 'y' and adds 'z' (docs' example: x, y)",
    ]);
    // A required param the example leaves out may be added.
    expect(compareShapes(docs, shapeOf("SELECT a, b FROM p.s.r WHERE x = '1' AND y = '2' AND z = '3'", { templates: false }), { allowExtra: ['z'] })).toEqual([]);
    expect(compareShapes(shapeOf("UPDATE p.s.r SET a = '1' WHERE k = '2'", { templates: false }), shapeOf("REPLACE p.s.r SET a = '1' WHERE k = '2'", { templates: false }))).toEqual([]);
    expect(compareShapes(docs, shapeOf("DELETE FROM p.s.r WHERE x = '1'", { templates: false }))[0].message).toBe("the docs' example is SELECT, the client sends DELETE");
  });

  it('know that data__x and x stand for each other', () => {
    const names = suppliedNames(shapeOf("INSERT INTO p.s.r (data__location, name) SELECT 'l', 'n'", { templates: false }));
    expect(supplies(names, 'location')).toBe(true);
    expect(supplies(names, 'data__name')).toBe(true);
    expect(supplies(names, 'region')).toBe(false);
  });

  it('write a statement without one argument, a DELETE without any predicate included', () => {
    const resource = {
      id: 'p.s.r',
      methods: {
        del: { verb: 'delete' as const, where: ['id'], required: ['id'] },
        ins: { verb: 'insert' as const, values: [['data__name', 'name'] as const, 'project'], required: ['project'] },
      },
    };
    expect(renderWithout(resource, 'del', 'id', {})).toBe('DELETE FROM p.s.r');
    expect(shapeOf(renderWithout(resource, 'ins', 'project', { name: 'n' }), { templates: false })).toEqual({ verb: 'insert', target: 'p.s.r', values: ['data__name'] });
    expect(() => renderWithout(resource, 'ins', 'name', {})).toThrow();
  });
});

describe('drift report helpers', () => {
  it("read the params a server's message says are missing", () => {
    expect(missingParamsIn('missing required parameters customerId, pageSize for SELECT on p.s.r; candidate methods: ...', [])).toEqual(['customerId', 'pageSize']);
    expect(missingParamsIn("required parameter 'projectId' is missing", ['projectId', 'zone'])).toEqual(['projectId']);
    expect(missingParamsIn('unknown column bucket', ['bucket'])).toEqual([]);
    expect(paramsNamedIn("unknown column 'bucket' in p.s.r", ['bucket', 'data__location', 'buck'])).toEqual(['bucket']);
    expect(paramsNamedIn('location is required', ['data__location'])).toEqual(['data__location']);
  });

  it('sort the entries, count them by kind, and write them readably', () => {
    const entry = (resource: string, method: string, kind: DriftEntry['kind'], field: string): DriftEntry => ({
      resource,
      method,
      check: 'method',
      kind,
      field,
      message: `${method}: ${field} | ${kind}`,
    });
    const report = buildReport(
      [entry('b.s.r', 'get', 'wrong-type', 'x'), entry('a.s.r', 'list', 'missing-field', 'y'), entry('a.s.r', 'get', 'extra-field', 'z')],
      { total: 5, passed: 2, failed: 3, skipped: 0 },
      { target: 'http://h:1', mutations: false, createdAt: 'now', otherFailures: [{ test: 't', message: 'boom' }] },
    );
    expect(report.entries.map((e) => `${e.resource} ${e.method}`)).toEqual(['a.s.r get', 'a.s.r list', 'b.s.r get']);
    expect(report).toMatchObject({ resources: 2, byKind: { 'wrong-type': 1, 'missing-field': 1, 'extra-field': 1 } });
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('Target: http://h:1 (read-only)');
    expect(markdown).toContain('| get | method | undocumented field | z | get: z \\| extra-field |');
    expect(markdown).toContain('## Failures that recorded no drift (1)\n\n- t: boom');
    expect(summaryLines(report, { json: 'd.json', markdown: 'd.md' })[0]).toBe(
      'contract drift against http://h:1: 3 in 2 resource(s): 1 missing field, 1 undocumented field, 1 wrong type; 1 failing test(s) recorded no drift (written to d.json and d.md)',
    );
  });
});
