// Statement shapes: a statement answered from its shape's template is, node for node, its own parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatement, type Statement } from '../../generator/core/sql/index.ts';
import { buildTemplate, instantiate, matchShape, NOT_TEMPLATABLE, piecesOf, shapeOf, type Template } from '../../mocks/engine/statement-shapes.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';

const parse = (text: string): Statement => parseStatement(text, { templates: false });

function templateOf(text: string): Template | typeof NOT_TEMPLATABLE {
  const shape = shapeOf(text);
  if (shape === undefined) throw new Error(`no shape: ${text}`);
  return buildTemplate(text, shape, parse(text), parse);
}

/** A string literal as a client writes it: quotes doubled, backslashes doubled (the lexer reads escapes). */
const quote = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

const SHAPES: ((a: string, b: string) => string)[] = [
  (a, b) => `INSERT INTO google.compute.instances (project, zone, data__name) SELECT ${a}, 'us-east1-b', ${b}`,
  (a, b) => `SELECT name, id FROM google.compute.instances\nWHERE project = ${a} -- it's a comment with a quote\n  AND zone = ${b} LIMIT 3`,
  (a, b) => `UPDATE google.compute.instances SET data__description = ${a} WHERE project = ${b} AND zone = 'z' AND instance = "x""y"`,
  (a, b) => `DELETE FROM google.compute.instances WHERE /* a 'comment' */ project = ${a} AND zone = ${b} AND instance = 'i'`,
  (a, b) => `EXEC google.compute.instances.start @project = ${a}, @zone = ${b}, @instance = 'i'`,
];

describe('statement shapes', () => {
  it('a template filled with any strings is the parse of that statement (positions included)', () => {
    for (const make of SHAPES) {
      const template = templateOf(make(quote('p1'), quote('z1')));
      expect(template).not.toBe(NOT_TEMPLATABLE);
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), fc.string(), (a, b) => {
          const text = make(quote(a.replaceAll('\u0001', '')), quote(b));
          const shape = shapeOf(text)!;
          expect(shape.key).toBe(shapeOf(make("''", "''"))!.key);
          expect(JSON.stringify(instantiate(template as Template, text, shape))).toBe(JSON.stringify(parse(text)));
        }),
        { numRuns: 200 },
      );
    }
  });

  it('a shape recognised in place (matchShape) is exactly the one shapeOf finds, and no other', () => {
    for (const make of SHAPES) {
      const seen = make(quote('p1'), quote('z1'));
      const pieces = piecesOf(seen, shapeOf(seen)!);
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), fc.string(), (a, b) => {
          const text = make(quote(a), quote(b));
          const shape = shapeOf(text);
          // A marker in a value: shapeOf refuses the text, and so must matchShape.
          if (shape === undefined) expect(matchShape(text, pieces)).toBeUndefined();
          else expect(matchShape(text, pieces)).toEqual(shape.spans);
        }),
        { numRuns: 200 },
      );
      // Any text matchShape accepts has the shape's key; edits around the strings are not accepted.
      fc.assert(
        fc.property(fc.string(), fc.nat(), fc.string({ maxLength: 3 }), (a, at, insert) => {
          const text = make(quote(a), "'z'");
          const cut = at % (text.length + 1);
          const edited = text.slice(0, cut) + insert + text.slice(cut);
          const spans = matchShape(edited, pieces);
          if (spans !== undefined) {
            expect(shapeOf(edited)?.key).toBe(shapeOf(seen)!.key);
            expect(spans).toEqual(shapeOf(edited)!.spans);
          }
        }),
        { numRuns: 300 },
      );
    }
    const [insert] = SHAPES;
    const pieces = piecesOf(insert!("'p'", "'v'"), shapeOf(insert!("'p'", "'v'"))!);
    expect(matchShape(insert!("'p'", "'v'") + ' ', pieces)).toBeUndefined();
    expect(matchShape(insert!("'p'", "'v'").replace('zone', 'Zone'), pieces)).toBeUndefined();
    expect(matchShape(insert!("'p'", "'v"), pieces)).toBeUndefined();
    expect(matchShape(insert!("'p'", "'\u0001'"), pieces)).toBeUndefined();
  });

  it('strings that span lines move the positions of later predicates', () => {
    const make = (a: string) => `SELECT id FROM google.compute.instances WHERE project = ${a} AND zone = 'z'`;
    const template = templateOf(make("'p'")) as Template;
    const text = make("'line one\nline two\n'");
    const tree = instantiate(template, text, shapeOf(text)!) as Extract<Statement, { kind: 'select' }>;
    expect(tree.where[1].pos).toEqual({ line: 3, column: 7, offset: text.indexOf('zone') });
    expect(tree).toEqual(parse(text));
  });

  it('is not used where a string is more than a value: column text, alias, LIKE', () => {
    expect(templateOf("SELECT 'a' AS x FROM google.compute.instances WHERE project = 'p' AND zone = 'z'")).toBe(NOT_TEMPLATABLE);
    expect(templateOf("SELECT id AS 'x' FROM google.compute.instances WHERE project = 'p' AND zone = 'z'")).toBe(NOT_TEMPLATABLE);
    expect(templateOf("SHOW RESOURCES IN google.compute LIKE 'inst%'")).toBe(NOT_TEMPLATABLE);
  });

  it('has no shape for a statement without strings, with an unterminated one, or holding the marker', () => {
    expect(shapeOf('SELECT 1')).toBeUndefined();
    expect(shapeOf("SELECT 'abc")).toBeUndefined();
    expect(shapeOf("SELECT '\u0001'")).toBeUndefined();
    expect(shapeOf('SELECT "it\'s" FROM x')).toBeUndefined();
  });

  it('statements of more shapes than are kept recent, interleaved, are answered as without templates', async () => {
    const engine = createMockEngine({ model: docsModel(), sqliteThreads: 0 });
    const fresh = () => createMockEngine({ model: docsModel(), sqliteThreads: 0 });
    const R = 'confluent.iam.invitations';
    // Seven shapes (more than the executor keeps recent), some differing only outside their strings.
    const makes = [
      (v: string) => `INSERT INTO ${R} (data__email) SELECT '${v}@example.com' RETURNING id, email`,
      (v: string) => `INSERT INTO ${R} (data__email) SELECT '${v}@example.org' RETURNING email`,
      (v: string) => `INSERT INTO ${R} (data__email, data__id) SELECT '${v}@example.net', 'id-${v}' RETURNING id, email`,
      (v: string) => `SELECT id, email FROM ${R} WHERE id = 'id-${v}'`,
      (v: string) => `SELECT email FROM ${R} WHERE id = 'id-${v}'`,
      (v: string) => `INSERT INTO ${R} (data__nope) SELECT '${v}'`,
      // The first one's columns on another resource, which needs a project: refused, every time.
      (v: string) => `INSERT INTO example.storage.buckets (data__email) SELECT '${v}@example.com' RETURNING id, email`,
    ];
    for (let round = 0; round < 4; round++) {
      for (const [i, make] of makes.entries()) {
        const query = make(`u${round}-${i}`);
        const answer = await engine.query({ query, showMetadata: false });
        // The same statement on an engine that never saw the shape: parsed, not templated.
        const alone = fresh();
        for (let r = 0; r < round; r++) for (const [j, m] of makes.entries()) await alone.query({ query: m(`u${r}-${j}`), showMetadata: false });
        for (const m of makes.slice(0, i)) await alone.query({ query: m(`u${round}-${makes.indexOf(m)}`), showMetadata: false });
        expect(answer).toEqual(await alone.query({ query, showMetadata: false }));
        // The method is chosen per resource, whatever another resource's INSERT of the same columns chose.
        if (query.includes('example.storage.buckets')) expect(answer.body).toEqual({ error: expect.stringMatching(/^missing required parameter project for INSERT on example\.storage\.buckets/) });
        await alone.close();
      }
    }
    await engine.close();
  });

  it('the engine answers a shape it has a template for as it does without, and keeps its errors', async () => {
    const engine = createMockEngine({ model: docsModel(), sqliteThreads: 0 });
    const fresh = createMockEngine({ model: docsModel(), sqliteThreads: 0 });
    const R = 'confluent.iam.invitations';
    for (let i = 0; i < 5; i++) {
      const query = `INSERT INTO ${R} (data__email) SELECT 'user${i}@example.com' RETURNING id, email`;
      const a = await engine.query({ query, showMetadata: false });
      expect(a.status).toBe(200);
      expect((a.body as { data: { email: string }[] }).data[0].email).toBe(`user${i}@example.com`);
    }
    // A bad column in the same shape as a good statement is refused with the same message.
    const bad = (e: string) => `INSERT INTO ${R} (data__nope) SELECT '${e}'`;
    const answers = [];
    for (const e of ['a', 'b', 'c']) answers.push(await engine.query({ query: bad(e), showMetadata: false }));
    const single = await fresh.query({ query: bad('c'), showMetadata: false });
    expect(answers[2]).toEqual(single);
    expect(single.status).toBe(400);
    await engine.close();
    await fresh.close();
  });
});
