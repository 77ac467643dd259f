import { describe, expect, it } from 'vitest';
import { parseStatement, type Expr, type Literal, type SelectStatement, type Statement } from '../../generator/core/sql/index.ts';

function select(sql: string): SelectStatement {
  const statement: Statement = parseStatement(sql);
  expect(statement.kind).toBe('select');
  return statement as SelectStatement;
}

const col = (name: string, table?: string): Expr => (table === undefined ? { type: 'column', name } : { type: 'column', name, table });
const str = (value: string): Expr => ({ type: 'literal', value: { type: 'string', value } });
const num = (value: string): Expr => ({ type: 'literal', value: { type: 'number', value } });
const quoted = (name: string): Literal => ({ type: 'placeholder', name, quoted: true, filters: [], raw: `'{{ ${name} }}'` });

describe('SELECT from the docs', () => {
  it('reads a get example: columns, target, required parameters', () => {
    const st = select(`SELECT
name,
mailsSentCount,
state,
updateTime
FROM google.cloudidentity.userinvitations
WHERE customersId = '{{ customersId }}' -- required
AND userinvitationsId = '{{ userinvitationsId }}' -- required;`);
    expect(st.hints).toEqual([]);
    expect(st.columns.map((c) => c.text)).toEqual(['name', 'mailsSentCount', 'state', 'updateTime']);
    expect(st.columns[1]).toEqual({ expr: col('mailsSentCount'), text: 'mailsSentCount' });
    expect(st.target).toEqual({ parts: ['google', 'cloudidentity', 'userinvitations'] });
    expect(st.where).toEqual([
      {
        expr: { type: 'binary', op: '=', left: col('customersId'), right: { type: 'literal', value: quoted('customersId') } },
        name: 'customersId',
        op: '=',
        value: quoted('customersId'),
        required: true,
        pos: { line: 7, column: 7, offset: 95 },
      },
      {
        expr: {
          type: 'binary',
          op: '=',
          left: col('userinvitationsId'),
          right: { type: 'literal', value: quoted('userinvitationsId') },
        },
        name: 'userinvitationsId',
        op: '=',
        value: quoted('userinvitationsId'),
        required: true,
        pos: { line: 8, column: 5, offset: 145 },
      },
    ]);
    expect(st.groupBy).toEqual([]);
    expect(st.orderBy).toEqual([]);
    expect(st.limit).toBeUndefined();
  });

  it('reads a list example: only the marked parameters are required', () => {
    const st = select(`SELECT
nextPageToken,
userInvitations
FROM google.cloudidentity.userinvitations
WHERE customersId = '{{ customersId }}' -- required
AND pageSize = '{{ pageSize }}'
AND pageToken = '{{ pageToken }}'
AND filter = '{{ filter }}'
AND orderBy = '{{ orderBy }}';`);
    expect(st.where.map((p) => [p.name, p.required])).toEqual([
      ['customersId', true],
      ['pageSize', false],
      ['pageToken', false],
      ['filter', false],
      ['orderBy', false],
    ]);
    expect(st.where.every((p) => p.value?.type === 'placeholder')).toBe(true);
  });

  it('reads a legacy angle-bracket value as a plain string', () => {
    const st = select("SELECT region FROM aws.kafkaconnect.connectors WHERE region = 'us-east-1' AND data__Identifier = '<ConnectorArn>';");
    expect(st.where.map((p) => [p.name, p.value])).toEqual([
      ['region', { type: 'string', value: 'us-east-1' }],
      ['data__Identifier', { type: 'string', value: '<ConnectorArn>' }],
    ]);
  });

  it('reads quoted parameter names and the table-valued function of the anthropic page', () => {
    const st = select(`SELECT
  JSON_EXTRACT(json_each.value, '$.text') as content
FROM
  anthropic.messages.message,
  JSON_EACH(content)
WHERE
  "anthropic-version" = '2023-06-01'
  AND data__max_tokens = 1024`);
    expect(st.columns[0]).toEqual({
      expr: { type: 'call', name: 'JSON_EXTRACT', args: [col('value', 'json_each'), str('$.text')] },
      alias: 'content',
      text: "JSON_EXTRACT(json_each.value, '$.text') as content",
    });
    expect(st.joins).toEqual([{ kind: 'comma', source: { type: 'function', call: { type: 'call', name: 'JSON_EACH', args: [col('content')] } } }]);
    expect(st.where.map((p) => [p.name, p.value])).toEqual([
      ['anthropic-version', { type: 'string', value: '2023-06-01' }],
      ['data__max_tokens', { type: 'number', value: '1024' }],
    ]);
  });

  it('reads parameters that share their name with keywords', () => {
    const st = select(`SELECT limit, group, order, values FROM snowflake.x.y
WHERE like = '{{ like }}' AND from = '{{ from }}' AND select = 's' AND end = 'e' AND limit = '{{ limit }}'`);
    expect(st.columns.map((c) => c.expr)).toEqual([col('limit'), col('group'), col('order'), col('values')]);
    expect(st.where.map((p) => p.name)).toEqual(['like', 'from', 'select', 'end', 'limit']);
  });

  it('reads dotted and hyphenated parameter names, and BigQuery +names', () => {
    const st = select(`SELECT a FROM p.s.r
WHERE filter.issue.states = '{{ filter.issue.states }}'
AND If-Match = '{{ If-Match }}'
AND +datasetId = '{{ +datasetId }}'`);
    expect(st.where.map((p) => p.name)).toEqual(['filter.issue.states', 'If-Match', '+datasetId']);
    expect(st.where[0].expr).toMatchObject({ left: { type: 'column', table: 'filter', name: 'issue.states' } });
    expect(st.where[2].value).toEqual({ type: 'placeholder', name: '+datasetId', quoted: true, filters: [], raw: "'{{ +datasetId }}'" });
  });

  it('reads a double-quoted value as a string, as SQLite does (the googleworkspace q parameter)', () => {
    const st = select(`SELECT id FROM googleworkspace.drivev3.files WHERE q = "mimeType = 'application/vnd.google-apps.folder'";`);
    expect(st.where[0].name).toBe('q');
    expect(st.where[0].value).toEqual({ type: 'string', value: "mimeType = 'application/vnd.google-apps.folder'" });
    expect(st.where[0].expr).toMatchObject({ right: { type: 'column', doubleQuoted: true } });
  });
});

describe('SELECT columns', () => {
  it('reads *, t.*, qualified columns, calls and aliases', () => {
    const st = select(
      "SELECT *, t.*, t.name, json_extract(properties, '$.x') as x, COUNT(*), count(distinct zone) n, `weird name` AS \"Alias\" FROM p.s.r t",
    );
    expect(st.columns).toEqual([
      { expr: { type: 'star' }, text: '*' },
      { expr: { type: 'star', table: 't' }, text: 't.*' },
      { expr: col('name', 't'), text: 't.name' },
      {
        expr: { type: 'call', name: 'json_extract', args: [col('properties'), str('$.x')] },
        alias: 'x',
        text: "json_extract(properties, '$.x') as x",
      },
      { expr: { type: 'call', name: 'COUNT', args: [{ type: 'star' }] }, text: 'COUNT(*)' },
      { expr: { type: 'call', name: 'count', args: [col('zone')], distinct: true }, alias: 'n', text: 'count(distinct zone) n' },
      { expr: col('weird name'), alias: 'Alias', text: '`weird name` AS "Alias"' },
    ]);
    expect(st.alias).toBe('t');
  });

  it('reads expressions in columns: arithmetic, concatenation, CAST, CASE', () => {
    const st = select(
      "SELECT a + b * 2 AS s, 'x-' || name, CAST(n AS INTEGER), CASE WHEN a > 1 THEN 'big' ELSE 'small' END size FROM p.s.r",
    );
    expect(st.columns.map((c) => c.expr)).toEqual([
      { type: 'binary', op: '+', left: col('a'), right: { type: 'binary', op: '*', left: col('b'), right: num('2') } },
      { type: 'binary', op: '||', left: str('x-'), right: col('name') },
      { type: 'cast', operand: col('n'), as: 'INTEGER' },
      {
        type: 'case',
        whens: [{ when: { type: 'binary', op: '>', left: col('a'), right: num('1') }, then: str('big') }],
        else: str('small'),
      },
    ]);
    expect(st.columns[3].alias).toBe('size');
  });

  it('reads SELECT DISTINCT, but a column named distinct as a column', () => {
    expect(select('SELECT DISTINCT zone FROM p.s.r').distinct).toBe(true);
    const named = select('SELECT distinct, zone FROM p.s.r');
    expect(named.distinct).toBeUndefined();
    expect(named.columns.map((c) => c.expr)).toEqual([col('distinct'), col('zone')]);
  });

  it('reads a column named from', () => {
    expect(select('SELECT from, to FROM p.s.r').columns.map((c) => c.expr)).toEqual([col('from'), col('to')]);
  });
});

describe('SELECT clauses', () => {
  it('reads GROUP BY, HAVING, ORDER BY with directions, LIMIT and OFFSET', () => {
    const st = select(`SELECT location, count(*) as num FROM google.storage.buckets WHERE project = 'stackql'
GROUP BY location HAVING location != 'ASIA' ORDER BY num DESC, location asc, name LIMIT 10 OFFSET 20`);
    expect(st.groupBy).toEqual([col('location')]);
    expect(st.having).toEqual({ type: 'binary', op: '!=', left: col('location'), right: str('ASIA') });
    expect(st.orderBy).toEqual([
      { expr: col('num'), direction: 'desc' },
      { expr: col('location'), direction: 'asc' },
      { expr: col('name'), direction: 'asc' },
    ]);
    expect(st.limit).toBe(10);
    expect(st.offset).toBe(20);
  });

  it('reads MySQL LIMIT offset, count', () => {
    const st = select('SELECT a FROM p.s.r LIMIT 5, 10');
    expect([st.offset, st.limit]).toEqual([5, 10]);
  });

  it('reads ORDER BY CAST(...) from the googleadmin page', () => {
    const st = select('SELECT name FROM googleadmin.directory.groups ORDER BY CAST(directMembersCount AS INTEGER) DESC;');
    expect(st.orderBy).toEqual([{ expr: { type: 'cast', operand: col('directMembersCount'), as: 'INTEGER' }, direction: 'desc' }]);
  });

  it('reads JOINs with ON conditions', () => {
    const st = select(`SELECT c.name AS vm_name
FROM azure.compute.virtual_machine_scale_sets a
  INNER JOIN azure.compute.virtual_machine_scale_set_vms b ON a.name = b.virtualMachineScaleSetName
  LEFT OUTER JOIN azure.compute.virtual_machines AS c ON b.name = c.name
  JOIN x.y.z
WHERE subscription_id = '0123456789'`);
    expect(st.alias).toBe('a');
    expect(st.joins).toEqual([
      {
        kind: 'inner',
        source: { type: 'table', name: { parts: ['azure', 'compute', 'virtual_machine_scale_set_vms'] } },
        alias: 'b',
        on: { type: 'binary', op: '=', left: col('name', 'a'), right: col('virtualMachineScaleSetName', 'b') },
      },
      {
        kind: 'left',
        source: { type: 'table', name: { parts: ['azure', 'compute', 'virtual_machines'] } },
        alias: 'c',
        on: { type: 'binary', op: '=', left: col('name', 'b'), right: col('name', 'c') },
      },
      { kind: 'inner', source: { type: 'table', name: { parts: ['x', 'y', 'z'] } } },
    ]);
    expect(st.where.map((p) => p.name)).toEqual(['subscription_id']);
  });

  it('reads a hint after SELECT', () => {
    expect(select('SELECT /*+ SHOWRESULTS */ a FROM p.s.r').hints).toEqual(['showresults']);
  });
});

describe('WHERE', () => {
  const where = (condition: string) => select(`SELECT a FROM p.s.r WHERE ${condition}`).where;

  it('splits only top-level AND conjuncts', () => {
    const preds = where("a = 1 AND (b = 2 OR c = 3) AND d BETWEEN 1 AND 5 AND e = 'x'");
    expect(preds).toHaveLength(4);
    expect(preds[1].expr).toEqual({
      type: 'paren',
      expr: { type: 'binary', op: 'OR', left: { type: 'binary', op: '=', left: col('b'), right: num('2') }, right: { type: 'binary', op: '=', left: col('c'), right: num('3') } },
    });
    expect(preds[1].name).toBeUndefined();
    expect(preds[2].expr).toEqual({ type: 'between', operand: col('d'), low: num('1'), high: num('5'), not: false });
    expect(preds.map((p) => p.name)).toEqual(['a', undefined, undefined, 'e']);
  });

  it('keeps an OR at the top as one predicate', () => {
    const preds = where('a = 1 AND b = 2 OR c = 3');
    expect(preds).toHaveLength(1);
    expect(preds[0].expr).toMatchObject({ type: 'binary', op: 'OR' });
  });

  it('reads comparison operators into op, mirroring value-first comparisons', () => {
    const preds = where("a <> 1 AND b != 2 AND c < 3 AND 4 <= d AND e > -5 AND f >= 6.5 AND g LIKE 'x%' AND 'y' = h");
    expect(preds.map((p) => [p.name, p.op, p.value])).toEqual([
      ['a', '<>', { type: 'number', value: '1' }],
      ['b', '!=', { type: 'number', value: '2' }],
      ['c', '<', { type: 'number', value: '3' }],
      ['d', '>=', { type: 'number', value: '4' }],
      ['e', '>', { type: 'number', value: '-5' }],
      ['f', '>=', { type: 'number', value: '6.5' }],
      ['g', 'LIKE', { type: 'string', value: 'x%' }],
      ['h', '=', { type: 'string', value: 'y' }],
    ]);
  });

  it('reads booleans, NULL and bare placeholders as values', () => {
    const preds = where('a = true AND b = FALSE AND c = null AND d = {{ d }} AND e = {{e}}');
    expect(preds.map((p) => p.value)).toEqual([
      { type: 'boolean', value: true },
      { type: 'boolean', value: false },
      { type: 'null' },
      { type: 'placeholder', name: 'd', quoted: false, filters: [], raw: '{{ d }}' },
      { type: 'placeholder', name: 'e', quoted: false, filters: [], raw: '{{e}}' },
    ]);
  });

  it('reads IN, NOT IN, NOT LIKE, IS [NOT] NULL, NOT, and calls', () => {
    const preds = where(
      "region IN ('a', 'b') AND zone NOT IN ('c') AND name NOT LIKE 'tmp%' AND x IS NULL AND y IS NOT NULL AND NOT z = 1 AND JSON_EXTRACT(c.properties, '$.priority') is null",
    );
    expect(preds.map((p) => p.expr)).toEqual([
      { type: 'in', operand: col('region'), list: [str('a'), str('b')], not: false },
      { type: 'in', operand: col('zone'), list: [str('c')], not: true },
      { type: 'binary', op: 'NOT LIKE', left: col('name'), right: str('tmp%') },
      { type: 'is', operand: col('x'), not: false, right: { type: 'literal', value: { type: 'null' } } },
      { type: 'is', operand: col('y'), not: true, right: { type: 'literal', value: { type: 'null' } } },
      { type: 'unary', op: 'NOT', operand: { type: 'binary', op: '=', left: col('z'), right: num('1') } },
      {
        type: 'is',
        operand: { type: 'call', name: 'JSON_EXTRACT', args: [col('properties', 'c'), str('$.priority')] },
        not: false,
        right: { type: 'literal', value: { type: 'null' } },
      },
    ]);
    expect(preds[2]).toMatchObject({ name: 'name', op: 'NOT LIKE', value: { type: 'string', value: 'tmp%' } });
  });

  it('reads a function-wrapped value as an expression without a parameter value', () => {
    const [pred] = where("data__x = string('abc')");
    expect(pred.expr).toMatchObject({ right: { type: 'call', name: 'string', args: [str('abc')] } });
    expect(pred.name).toBeUndefined();
    expect(pred.value).toBeUndefined();
  });

  it('gives each predicate the position of its first token', () => {
    const preds = select("SELECT a\nFROM p.s.r\nWHERE x = 1\n  AND (y = 2)").where;
    expect(preds.map((p) => p.pos)).toEqual([
      { line: 3, column: 7, offset: 26 },
      { line: 4, column: 7, offset: 38 },
    ]);
  });
});
