import { describe, expect, it } from 'vitest';
import {
  parseStatement,
  parseStatements,
  type Expr,
  type InsertStatement,
  type Repair,
  type SelectStatement,
  type Statement,
  type UpdateStatement,
} from '../../generator/core/sql/index.ts';

/** Parses in docs mode, returning the statement and the repairs reported. */
function repaired<T extends Statement>(sql: string): { st: T; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const st = parseStatement(sql, { onRepair: (r) => repairs.push(r) }) as T;
  return { st, repairs };
}

const quoted = (name: string): Expr => ({
  type: 'literal',
  value: { type: 'placeholder', name, quoted: true, filters: [], raw: `'{{ ${name} }}'` },
});
const str = (value: string): Expr => ({ type: 'literal', value: { type: 'string', value } });

describe('docs mode: empty list items', () => {
  it('drops an empty INSERT column together with its value, naming the value', () => {
    const { st, repairs } = repaired<InsertStatement>(`INSERT INTO p.s.r (
 ,
 region
)
SELECT
'{{  }}',
'{{ region }}';`);
    expect(st.columns).toEqual(['region']);
    expect(st.values).toEqual([{ column: 'region', value: quoted('region'), required: false }]);
    expect(repairs).toEqual([
      {
        code: 'sql/empty-list-item',
        message: "empty column name in the INSERT column list; its value '{{  }}' is dropped with it",
        line: 2,
        column: 2,
        offset: 21,
      },
    ]);
  });

  it('drops an empty value together with its column', () => {
    const { st, repairs } = repaired<InsertStatement>("INSERT INTO p.s.r (a, b, c)\nSELECT '{{ a }}', , '{{ c }}'");
    expect(st.columns).toEqual(['a', 'c']);
    expect(st.values.map((v) => v.value)).toEqual([quoted('a'), quoted('c')]);
    expect(repairs).toEqual([
      { code: 'sql/empty-list-item', message: "empty value in the SELECT list; its column 'b' is dropped with it", line: 2, column: 19, offset: 46 },
    ]);
  });

  it('skips empty items of a select list, leading or between', () => {
    const { st, repairs } = repaired<SelectStatement>('SELECT\n,\nname,\n,\nlocation\nFROM p.s.r');
    expect(st.columns.map((c) => c.text)).toEqual(['name', 'location']);
    expect(repairs).toEqual([
      { code: 'sql/empty-list-item', message: 'empty item in the SELECT list; skipped', line: 2, column: 1, offset: 7 },
      { code: 'sql/empty-list-item', message: 'empty item in the SELECT list; skipped', line: 4, column: 1, offset: 15 },
    ]);
  });

  it('skips a trailing comma before FROM', () => {
    const { st, repairs } = repaired<SelectStatement>('SELECT a, FROM p.s.r');
    expect(st.columns.map((c) => c.text)).toEqual(['a']);
    expect(repairs.map((r) => [r.code, r.column])).toEqual([['sql/empty-list-item', 11]]);
  });
});

describe('docs mode: comparisons and assignments without a name', () => {
  it('drops a nameless WHERE comparison, leaving no predicate', () => {
    const { st, repairs } = repaired("DELETE FROM p.s.r\nWHERE  = '{{  }}';");
    expect(st.kind === 'delete' && st.where).toEqual([]);
    expect(repairs).toEqual([
      { code: 'sql/empty-name', message: "a WHERE comparison has no name: `= '{{  }}'` is dropped", line: 2, column: 8, offset: 25 },
    ]);
  });

  it('drops it between other conjuncts, keeping theirs', () => {
    const { st, repairs } = repaired<UpdateStatement>("UPDATE p.s.r SET a = 1\nWHERE x = '{{ x }}'\nAND  = '{{  }}'\nAND y = 2");
    expect(st.where.map((p) => p.name)).toEqual(['x', 'y']);
    expect(repairs.map((r) => [r.code, r.line, r.column])).toEqual([['sql/empty-name', 3, 6]]);
  });

  it('refuses one that cannot be dropped without changing the condition', () => {
    const onRepair = () => {};
    expect(() => parseStatement('SELECT a FROM p.s.r WHERE = 1 OR x = 2', { onRepair })).toThrow(
      "line 1, column 27: expected an expression but found '='",
    );
    expect(() => parseStatement('SELECT a FROM p.s.r WHERE x = 1 OR = 2', { onRepair })).toThrow(
      "line 1, column 36: expected an expression but found '='",
    );
    expect(() => parseStatement('SELECT a FROM p.s.r WHERE (x = 1 AND = 2)', { onRepair })).toThrow(
      "line 1, column 38: expected an expression but found '='",
    );
  });

  it('drops a nameless SET assignment', () => {
    const { st, repairs } = repaired<UpdateStatement>("UPDATE p.s.r SET a = 1, = '{{  }}' WHERE k = 2");
    expect(st.set).toEqual([{ column: 'a', value: { type: 'literal', value: { type: 'number', value: '1' } }, required: false }]);
    expect(repairs).toEqual([
      { code: 'sql/empty-name', message: "an assignment has no column name: `= '{{  }}'` is dropped", line: 1, column: 25, offset: 24 },
    ]);
  });
});

describe('docs mode: an ellipsis', () => {
  it('skips `...` in a SET list (the Databricks examples)', () => {
    const { st, repairs } = repaired<UpdateStatement>(`REPLACE p.s.r
SET field1 = '{ value1 }',
field2 = '{ value2 }', ...
WHERE account_id = '{{ account_id }}';`);
    expect(st.set.map((a) => [a.column, a.value])).toEqual([
      ['field1', str('{ value1 }')],
      ['field2', str('{ value2 }')],
    ]);
    expect(st.where.map((p) => p.name)).toEqual(['account_id']);
    expect(repairs).toEqual([
      { code: 'sql/ellipsis', message: "'...' in the SET list stands for more items; skipped", line: 3, column: 24, offset: 64 },
    ]);
  });

  it('does not take spaced dots for an ellipsis', () => {
    expect(() => parseStatement('UPDATE p.s.r SET a = 1, . . .', { onRepair: () => {} })).toThrow("line 1, column 25: expected end of statement but found '.'");
  });
});

describe('docs mode: empty clauses', () => {
  it('reads an empty select list', () => {
    const { st, repairs } = repaired<SelectStatement>("SELECT\n\nFROM p.s.r\nWHERE a = 'b'");
    expect(st.columns).toEqual([]);
    expect(st.where.map((p) => p.name)).toEqual(['a']);
    expect(repairs).toEqual([{ code: 'sql/empty-clause', message: 'SELECT lists no columns; read as an empty list', line: 1, column: 1, offset: 0 }]);
  });

  it('reads an INSERT with an empty column list and an empty SELECT', () => {
    const { st, repairs } = repaired<InsertStatement>('INSERT INTO p.s.r (\n\n)\nSELECT \n\n;');
    expect([st.columns, st.values]).toEqual([[], []]);
    expect(repairs).toEqual([
      { code: 'sql/empty-clause', message: 'the INSERT column list is empty; read as no columns', line: 1, column: 19, offset: 18 },
      { code: 'sql/empty-clause', message: 'SELECT lists no values; read as none', line: 4, column: 1, offset: 23 },
    ]);
  });

  it('reads SET followed straight by WHERE', () => {
    const { st, repairs } = repaired<UpdateStatement>("UPDATE p.s.r\nSET\n-- No updatable properties\nWHERE a = 'b'");
    expect(st.set).toEqual([]);
    expect(st.where.map((p) => p.name)).toEqual(['a']);
    expect(repairs).toEqual([{ code: 'sql/empty-clause', message: 'SET has no assignments; read as none', line: 2, column: 1, offset: 13 }]);
  });

  it('reads WHERE with nothing after it, before ; or the end', () => {
    const a = repaired<UpdateStatement>('UPDATE p.s.r SET a = 1\nWHERE\n;');
    expect(a.st.where).toEqual([]);
    expect(a.repairs).toEqual([{ code: 'sql/empty-clause', message: 'WHERE has no condition; read as none', line: 2, column: 1, offset: 23 }]);
    const b = repaired<SelectStatement>('SELECT a FROM p.s.r\nWHERE\n  -- query conditions');
    expect(b.st.where).toEqual([]);
    expect(b.repairs.map((r) => [r.code, r.line, r.column])).toEqual([['sql/empty-clause', 2, 1]]);
  });
});

describe('docs mode: INSERT counts that differ', () => {
  it('pairs what it can and reports each column left without a value', () => {
    const { st, repairs } = repaired<InsertStatement>(`INSERT INTO p.s.r (
data__name,
data__vpc_id,
vpc_id
)
SELECT
'{{ name }}',
'{{ vpc_id }}'
;`);
    expect(st.columns).toEqual(['data__name', 'data__vpc_id']);
    expect(st.values).toEqual([
      { column: 'data__name', value: quoted('name'), required: false },
      { column: 'data__vpc_id', value: quoted('vpc_id'), required: false },
    ]);
    expect(repairs).toEqual([
      {
        code: 'sql/missing-values',
        message: "column 'vpc_id' has no value (INSERT lists 3 columns but 2 values); the column is left out",
        line: 4,
        column: 1,
        offset: 46,
      },
    ]);
  });

  it('reports a value left without a column', () => {
    const { st, repairs } = repaired<InsertStatement>("INSERT INTO p.s.r (a) VALUES ('x', 'y')");
    expect(st.values).toEqual([{ column: 'a', value: str('x'), required: false }]);
    expect(repairs).toEqual([
      { code: 'sql/extra-values', message: "value 'y' has no column (INSERT lists 1 column but 2 values); the value is left out", line: 1, column: 36, offset: 35 },
    ]);
  });

  it('keeps INSERT ... SELECT ... FROM consistent: its select list is the values kept', () => {
    const { st } = repaired<InsertStatement>('INSERT INTO p.s.r (a, b)\nSELECT x\nFROM p.s.q');
    expect(st.columns).toEqual(['a']);
    expect(st.select?.columns.map((c) => c.text)).toEqual(['x']);
    expect(st.values.map((v) => v.value)).toEqual([{ type: 'column', name: 'x' }]);
  });
});

describe('docs mode: reporting', () => {
  it('reports in source order, even a repair decided later', () => {
    const { st, repairs } = repaired<InsertStatement>("INSERT INTO p.s.r (\n,\na\n)\nSELECT '{{  }}', ..., '{{ a }}'");
    expect(st.values).toEqual([{ column: 'a', value: quoted('a'), required: false }]);
    expect(repairs.map((r) => [r.code, r.line, r.column, r.offset])).toEqual([
      ['sql/empty-list-item', 2, 1, 20],
      ['sql/ellipsis', 5, 18, 43],
    ]);
  });

  it('gives positions in the whole text for a later statement', () => {
    const repairs: Repair[] = [];
    parseStatements('SELECT a FROM p.s.r;\nSELECT\n\nFROM p.s.r', { onRepair: (r) => repairs.push(r) });
    expect(repairs.map((r) => [r.code, r.line, r.column, r.offset])).toEqual([['sql/empty-clause', 2, 1, 21]]);
  });

  it('still refuses text that is no statement, and then reports no repair', () => {
    const repairs: Repair[] = [];
    const onRepair = (r: Repair) => repairs.push(r);
    expect(() => parseStatements("-- Get the text\nJSON_EXTRACT(json_each.value, '$.text')", { onRepair })).toThrow(
      "line 2, column 1: expected a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW or DESCRIBE) but found 'JSON_EXTRACT'",
    );
    expect(() => parseStatements('SELECT\n\nFROM p.s.r;\nDROP TABLE x', { onRepair })).toThrow("line 4, column 1: expected a statement");
    expect(repairs).toEqual([]);
  });

  it('reports nothing for a statement that needs no repair', () => {
    const { repairs } = repaired("SELECT a, b FROM p.s.r WHERE x = '{{ x }}' AND y = 1");
    expect(repairs).toEqual([]);
  });
});

describe('without onRepair the grammar stays strict', () => {
  it.each([
    ["INSERT INTO p.s.r (\n ,\n region\n)\nSELECT '{{  }}', '{{ region }}'", "line 2, column 2: expected a column name but found ','"],
    ['SELECT\n,\nname\nFROM p.s.r', "line 2, column 1: expected an expression but found ','"],
    ["DELETE FROM p.s.r\nWHERE  = '{{  }}'", "line 2, column 8: expected an expression but found '='"],
    ["UPDATE p.s.r\nSET a = '{ v }', ...\nWHERE k = 1", "line 2, column 18: expected a column name but found '.'"],
    ['SELECT\n\nFROM p.s.r', "line 3, column 1: expected a column or * but found 'FROM'"],
    ['INSERT INTO p.s.r (\n)\nSELECT 1', "line 2, column 1: expected a column name but found ')'"],
    ["UPDATE p.s.r\nSET\nWHERE a = 'b'", "line 3, column 1: expected an assignment after SET but found 'WHERE'"],
    ['UPDATE p.s.r SET a = 1\nWHERE\n;', "line 3, column 1: expected an expression but found ';'"],
    ["INSERT INTO p.s.r (a, b)\nSELECT 'x'", 'line 2, column 1: INSERT lists 2 columns but 1 value: the counts must match'],
  ])('%j', (sql, message) => {
    expect(() => parseStatement(sql)).toThrow(message);
    expect(() => parseStatement(sql, { onRepair: () => {} })).not.toThrow();
  });
});

describe('docs mode: unquoted bracketed names', () => {
  it('reads include[] in WHERE as the name "include[]", reported where it stands', () => {
    const { st, repairs } = repaired<SelectStatement>("SELECT id FROM p.s.r\nWHERE include[] = 'tags' AND project = '{{ project }}'");
    expect(st.where.map((p) => p.name)).toEqual(['include[]', 'project']);
    expect(st.where[0].value).toEqual({ type: 'string', value: 'tags' });
    expect(repairs).toEqual([
      { code: 'sql/unquoted-name', message: 'the name include[] is not quoted; read as the name "include[]"', line: 2, column: 7, offset: 27 },
    ]);
  });

  it('reads bracketed EXEC arguments, INSERT columns and SET targets; dotted and dashed names need no repair', () => {
    const exec = repaired<Statement>("EXEC p.s.r.m @filter[name]='x', @a.b='y', @Content-Type='z'");
    expect(exec.st.kind === 'exec' && exec.st.args.map((a) => a.name)).toEqual(['filter[name]', 'a.b', 'Content-Type']);
    expect(exec.repairs.map((r) => r.code)).toEqual(['sql/unquoted-name']);
    const insert = repaired<InsertStatement>("INSERT INTO p.s.r (include[], a.b, x-y)\nSELECT 'a', 'b', 'c'");
    expect(insert.st.columns).toEqual(['include[]', 'a.b', 'x-y']);
    const update = repaired<UpdateStatement>("UPDATE p.s.r SET fields[] = 'a' WHERE If-Match = 'b'");
    expect(update.st.where.map((p) => p.name)).toEqual(['If-Match']);
    expect(update.repairs.map((r) => r.message)).toEqual(['the name fields[] is not quoted; read as the name "fields[]"']);
  });

  it('stays an error outside docs mode, where such a name must be quoted', () => {
    expect(() => parseStatement("SELECT id FROM p.s.r WHERE include[] = 'a'")).toThrow("line 1, column 35: unexpected character '['");
    expect(parseStatement('SELECT id FROM p.s.r WHERE "include[]" = \'a\'')).toMatchObject({ where: [{ name: 'include[]' }] });
  });
});
