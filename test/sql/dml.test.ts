import { describe, expect, it } from 'vitest';
import {
  parseStatement,
  type DeleteStatement,
  type Expr,
  type InsertStatement,
  type Literal,
  type UpdateStatement,
} from '../../generator/core/sql/index.ts';

const insert = (sql: string) => parseStatement(sql) as InsertStatement;
const update = (sql: string) => parseStatement(sql) as UpdateStatement;

const col = (name: string): Expr => ({ type: 'column', name });
const lit = (value: Literal): Expr => ({ type: 'literal', value });
const str = (value: string): Expr => lit({ type: 'string', value });
const quoted = (name: string): Expr => lit({ type: 'placeholder', name, quoted: true, filters: [], raw: `'{{ ${name} }}'` });
const bare = (name: string): Expr => lit({ type: 'placeholder', name, quoted: false, filters: [], raw: `{{ ${name} }}` });

describe('INSERT', () => {
  it('reads the confluent create example', () => {
    const st = insert(`/*+ create */
INSERT INTO confluent.iam.invitations (
data__email
)
SELECT 
'{{ email }}'
;`);
    expect(st).toEqual({
      kind: 'insert',
      hints: ['create'],
      target: { parts: ['confluent', 'iam', 'invitations'] },
      columns: ['data__email'],
      values: [{ column: 'data__email', value: quoted('email'), required: false }],
      returning: [],
    });
  });

  it('pairs columns with values, quoted and bare placeholders alike, and reads RETURNING', () => {
    const st = insert(`INSERT INTO google.compute.instances (
data__canIpForward,
data__name,
project
)
SELECT 
{{ canIpForward }},
'{{ name }}',
'{{ project }}'
RETURNING
id,
name
;`);
    expect(st.values).toEqual([
      { column: 'data__canIpForward', value: bare('canIpForward'), required: false },
      { column: 'data__name', value: quoted('name'), required: false },
      { column: 'project', value: quoted('project'), required: false },
    ]);
    expect(st.returning.map((c) => c.text)).toEqual(['id', 'name']);
  });

  it('marks values followed by a required comment', () => {
    const st = insert(`INSERT INTO p.s.r (a, b, c, d)
SELECT
'{{ a }}' /* required */,
'{{ b }}',
'{{ c }}', -- required
'{{ d }}' -- required
;`);
    expect(st.values.map((v) => [v.column, v.required])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
      ['d', true],
    ]);
  });

  it('reads VALUES (...) and required markers inside it', () => {
    const st = insert(`INSERT /*+ AWAIT */ INTO google.compute.disks (project, zone, sizeGb)
VALUES ('stackql-demo' -- required
, 'australia-southeast1-a', 10 /* required */)`);
    expect(st.hints).toEqual(['await']);
    expect(st.values).toEqual([
      { column: 'project', value: str('stackql-demo'), required: true },
      { column: 'zone', value: str('australia-southeast1-a'), required: false },
      { column: 'sizeGb', value: lit({ type: 'number', value: '10' }), required: true },
    ]);
  });

  it('reads quoted, dotted, hyphenated and +prefixed column names', () => {
    const st = insert(`INSERT INTO p.s.r ("User-Agent", executionConfig.headers, If-Match, +datasetId)
SELECT 'a', 'b', 'c', 'd'`);
    expect(st.columns).toEqual(['User-Agent', 'executionConfig.headers', 'If-Match', '+datasetId']);
  });

  it('reads INSERT IGNORE and INSERT without INTO', () => {
    expect(insert("INSERT IGNORE INTO p.s.r (a) SELECT 'x'").ignore).toBe(true);
    expect(insert("INSERT p.s.r (a) SELECT 'x'").target).toEqual({ parts: ['p', 's', 'r'] });
  });

  it('reads a value computed from a query, keeping that query', () => {
    const st = insert(`INSERT INTO azure.network.network_interfaces (resource_group_name, data__properties)
SELECT 'vmss-flex' || '1', json_remove(properties, '$.a', '$.b')
FROM azure.network.network_interfaces
WHERE subscription_id = '0123456789'`);
    expect(st.values.map((v) => v.value)).toEqual([
      { type: 'binary', op: '||', left: str('vmss-flex'), right: str('1') },
      { type: 'call', name: 'json_remove', args: [col('properties'), str('$.a'), str('$.b')] },
    ]);
    expect(st.select?.target).toEqual({ parts: ['azure', 'network', 'network_interfaces'] });
    expect(st.select?.where.map((p) => p.name)).toEqual(['subscription_id']);
    expect(st.returning).toEqual([]);
  });

  it('reads the multi-line string of the snowflake RETURNING example', () => {
    const st = insert(`INSERT INTO snowflake.sqlapi.statements (data__statement, data__timeout)
SELECT
    'SELECT
        customer_id
    FROM CUSTOMER_DATA',
    10
RETURNING code, sqlState, message, data;`);
    expect(st.values[0].value).toEqual(str('SELECT\n        customer_id\n    FROM CUSTOMER_DATA'));
    expect(st.returning.map((c) => c.expr)).toEqual([col('code'), col('sqlState'), col('message'), col('data')]);
  });

  it('refuses fewer values than columns, saying so', () => {
    expect(() => insert("INSERT INTO p.s.r (a, b, c)\nSELECT 'x', 'y'")).toThrow(
      'line 2, column 1: INSERT lists 3 columns but 2 values: the counts must match',
    );
  });

  it('refuses more values than columns', () => {
    expect(() => insert("INSERT INTO p.s.r (a) VALUES ('x', 'y')")).toThrow(
      'line 1, column 23: INSERT lists 1 column but 2 values: the counts must match',
    );
  });

  it('refuses an empty column name (the generated AWS pages have them)', () => {
    expect(() => insert("INSERT INTO p.s.r (\n ,\n region\n)\nSELECT '{{  }}', '{{ region }}'")).toThrow(
      "line 2, column 2: expected a column name but found ','",
    );
  });

  it('refuses a missing column list and a missing SELECT/VALUES', () => {
    expect(() => insert("INSERT INTO p.s.r SELECT 'x'")).toThrow("expected '(' and the column list but found 'SELECT'");
    expect(() => insert('INSERT INTO p.s.r (a) RETURNING a')).toThrow("expected SELECT or VALUES but found 'RETURNING'");
  });
});

describe('UPDATE and REPLACE', () => {
  it('reads assignments, WHERE and RETURNING', () => {
    const st = update(`/*+ update */
UPDATE google.file.backups
SET 
description = '{{ description }}',
data__canIpForward = {{ canIpForward }}
WHERE 
backupsId = '{{ backupsId }}' --required
AND projectsId = '{{ projectsId }}'
RETURNING id;`);
    expect(st.kind).toBe('update');
    expect(st.hints).toEqual(['update']);
    expect(st.target).toEqual({ parts: ['google', 'file', 'backups'] });
    expect(st.set).toEqual([
      { column: 'description', value: quoted('description'), required: false },
      { column: 'data__canIpForward', value: bare('canIpForward'), required: false },
    ]);
    expect(st.where.map((p) => [p.name, p.required])).toEqual([
      ['backupsId', true],
      ['projectsId', false],
    ]);
    expect(st.returning.map((c) => c.text)).toEqual(['id']);
  });

  it('reads REPLACE, with a placeholder lacking its inner space', () => {
    const st = update(`REPLACE snowflake.schema.schemas
SET 
data__name = '{{ name }}' -- required
WHERE 
database_name = '{{ database_name }}' --required
AND kind = '{{ kind}}';`);
    expect(st.kind).toBe('replace');
    expect(st.set).toEqual([{ column: 'data__name', value: quoted('name'), required: true }]);
    expect(st.where[1].value).toEqual({ type: 'placeholder', name: 'kind', quoted: true, filters: [], raw: "'{{ kind}}'" });
  });

  it('reads expressions as values: JSON functions and the docs\' true|false', () => {
    const st = update(`UPDATE /*+ AWAIT */ azure.network.network_interfaces
SET data__properties = json_replace(json_remove(data__properties, '$.a'), '$.b', 'c'),
enabled = true|false
WHERE subscription_id = '0123456789'`);
    expect(st.hints).toEqual(['await']);
    expect(st.set[0].value).toMatchObject({ type: 'call', name: 'json_replace' });
    expect(st.set[1].value).toEqual({
      type: 'binary',
      op: '|',
      left: lit({ type: 'boolean', value: true }),
      right: lit({ type: 'boolean', value: false }),
    });
  });

  it('allows no WHERE', () => {
    expect(update('UPDATE p.s.r SET a = 1').where).toEqual([]);
  });

  it('refuses SET with no assignment', () => {
    expect(() => update("UPDATE p.s.r\nSET\n-- No updatable properties\nWHERE a = 'b'")).toThrow(
      "line 4, column 1: expected an assignment after SET but found 'WHERE'",
    );
  });
});

describe('DELETE', () => {
  it('reads the confluent delete example', () => {
    const st = parseStatement(`/*+ delete */
DELETE FROM confluent.iam.invitations
WHERE id = '{{ id }}';`) as DeleteStatement;
    expect(st).toEqual({
      kind: 'delete',
      hints: ['delete'],
      target: { parts: ['confluent', 'iam', 'invitations'] },
      where: [
        {
          expr: { type: 'binary', op: '=', left: col('id'), right: quoted('id') },
          name: 'id',
          op: '=',
          value: { type: 'placeholder', name: 'id', quoted: true, filters: [], raw: "'{{ id }}'" },
          required: false,
          pos: { line: 3, column: 7, offset: 58 },
        },
      ],
      returning: [],
    });
  });

  it('reads a hint after DELETE and a RETURNING clause', () => {
    const st = parseStatement("DELETE /*+ AWAIT */ FROM p.s.r WHERE a = 'x' RETURNING name") as DeleteStatement;
    expect(st.hints).toEqual(['await']);
    expect(st.returning.map((c) => c.text)).toEqual(['name']);
  });

  it('refuses DELETE without FROM', () => {
    expect(() => parseStatement("DELETE p.s.r WHERE a = 'x'")).toThrow("line 1, column 8: expected FROM but found 'p'");
  });
});
