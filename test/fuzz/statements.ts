/**
 * Fuzzed statements (fast-check arbitraries), shared by the CI-sized run in `npm test`
 * (statements.fuzz.test.ts) and the 100,000-input run of `npm run fuzz` (run.ts):
 *  - grammar-shaped statements over a model's real resources, columns and params, with
 *    expressions built from operators, SQLite functions (the hostile ones included: zeroblob,
 *    printf, REGEXP, json_each), literals of every kind and values that are JSON text;
 *  - the same, mutated: token-level edits (cut, duplicate, insert a stray token, swap);
 *  - extremes: deep nesting and long chains of every construct, far past the parser's limits;
 *  - noise: any string, any Unicode.
 */
import fc from 'fast-check';
import type { Model, Resource } from '../../generator/core/model.ts';

const FUNCTIONS = [
  'upper', 'lower', 'length', 'substr', 'replace', 'trim', 'abs', 'coalesce', 'ifnull', 'json_extract', 'json_array_length',
  'json_object', 'json_array', 'split_part', 'hex', 'zeroblob', 'printf', 'format', 'instr', 'round', 'typeof', 'count', 'max',
  'min', 'sum', 'group_concat', 'randomblob', 'unicode', 'char', 'date', 'datetime', 'strftime', 'nope_fn',
];
const BINARY = ['=', '<>', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '||', '|', '&', 'AND', 'OR', 'XOR', 'LIKE', 'NOT LIKE', 'REGEXP', 'GLOB', 'IS', 'IS NOT'];
const STRAY = ['(', ')', ',', "'", '"', '`', '--', '/*', '*/', '/*+', '{{', '}}', '@', '@@json', ';', '.', '*', 'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'NULL', 'CASE', 'END', 'IN', 'BETWEEN', '$x', '\\', '\u0000', '\uFFFF', '\uD800'];

/** Strings as a client might send them, hostile ones included. */
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("it's", 'a\\b', '%', '_', '$id', '{{ x }}', '\u0000', '🙂', '(a+)+$', '[[[[[[[[]]]]]]]]', '{"a":{"b":[1,2,{"c":null}]}}', ''),
  fc.json({ maxDepth: 4 }),
);
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const literal = fc.oneof(
  text.map(quote),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => String(d)),
  fc.constantFrom('NULL', 'TRUE', 'FALSE', '1e308', '-0', '9999999999999999999999', '200000000', '900000000'),
);

function names(resource: Resource): string[] {
  const out = new Set<string>([...resource.fields.map((f) => f.name), ...resource.params.map((p) => p.name)]);
  for (const m of resource.methods) for (const p of [...m.requiredParams, ...m.optionalParams]) out.add(p);
  return [...out];
}

/** Inputs built to a size `k`: nesting k deep or chains k long of every construct, past the parser's limits. */
export const EXTREME_SHAPES: Record<string, (k: number) => string> = {
  parentheses: (k) => `SELECT ${'('.repeat(k)}1${')'.repeat(k)} FROM a.b.c`,
  NOT: (k) => `SELECT * FROM a.b.c WHERE ${'NOT '.repeat(k)}x = 1`,
  'unary minus': (k) => `SELECT ${'- '.repeat(k)}1 FROM a.b.c`,
  calls: (k) => `SELECT ${'f('.repeat(k)}1${')'.repeat(k)} FROM a.b.c`,
  CASE: (k) => `SELECT ${'CASE WHEN 1 THEN '.repeat(k)}1${' END'.repeat(k)} FROM a.b.c`,
  'AND chain': (k) => `SELECT * FROM a.b.c WHERE ${Array.from({ length: k }, (_, i) => `x${i} = ${i}`).join(' AND ')}`,
  'OR chain': (k) => `SELECT * FROM a.b.c WHERE ${Array.from({ length: k }, (_, i) => `x = ${i}`).join(' OR ')}`,
  '+ chain': (k) => `SELECT ${Array.from({ length: k }, () => 'a').join(' + ')} FROM a.b.c`,
  '|| chain': (k) => `SELECT ${Array.from({ length: k }, () => 'a').join(' || ')} FROM a.b.c`,
  'IN lists': (k) => `SELECT * FROM a.b.c WHERE x IN (${'x IN ('.repeat(Math.min(k, 5000))}1${')'.repeat(Math.min(k, 5000))})`,
  CAST: (k) => `SELECT ${'CAST('.repeat(k)}1${' AS int)'.repeat(k)} FROM a.b.c`,
  "'' escapes": (k) => `SELECT '${"''".repeat(k)}' FROM a.b.c`,
  'unterminated backslashes': (k) => `SELECT * FROM a.b.c WHERE x = '${'\\'.repeat(k)}`,
  'unclosed comments': (k) => `${'/* '.repeat(k)} SELECT 1`,
  'EXEC arguments': (k) => `EXEC a.b.c.d ${Array.from({ length: k }, (_, i) => `@a${i} = 'v'`).join(', ')}`,
  'dotted names': (k) => `SELECT ${'a.'.repeat(k)}b FROM a.b.c`,
  'long numbers': (k) => `SELECT * FROM a.b.c WHERE x = ${'9'.repeat(k)}`,
  'select list': (k) => `SELECT ${Array.from({ length: k }, (_, i) => `c${i}`).join(', ')} FROM a.b.c`,
};

export interface StatementArbitraries {
  valid: fc.Arbitrary<string>;
  mutated: fc.Arbitrary<string>;
  extreme: fc.Arbitrary<string>;
  noise: fc.Arbitrary<string>;
  /** All four, weighted towards the ones that reach deep into the engine. */
  any: fc.Arbitrary<string>;
}

export interface FuzzSizes {
  /** Largest repeat count of the extreme inputs (nesting depth, chain length). */
  maxRepeat: number;
}

export function statementArbitraries(model: Model, sizes: FuzzSizes = { maxRepeat: 12_000 }): StatementArbitraries {
  const resources = model.resources.filter((r) => r.fields.length + r.params.length > 0);
  const resource = fc.constantFrom(...resources);

  const forResource = (r: Resource) => {
    const cols = names(r);
    const column = cols.length > 0 ? fc.constantFrom(...cols, ...cols.map((c) => `"${c}"`), 'nope', '"__proto__"') : fc.constant('nope');
    const { expr } = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        literal,
        column,
        fc.tuple(tie('expr'), fc.constantFrom(...BINARY), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
        tie('expr').map((e) => `(${e})`),
        tie('expr').map((e) => `NOT ${e}`),
        tie('expr').map((e) => `- ${e}`),
        fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
        fc.tuple(tie('expr'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 })).map(([e, list]) => `${e} IN (${list.join(', ')})`),
        fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `(${a}) BETWEEN (${b}) AND (${c})`),
        fc.tuple(tie('expr'), tie('expr')).map(([w, t]) => `CASE WHEN ${w} THEN ${t} ELSE NULL END`),
        tie('expr').map((e) => `CAST(${e} AS TEXT)`),
      ),
    }));
    const equality = fc.tuple(column, literal).map(([c, v]) => `${c} = ${v}`);
    // The required params of one of the resource's methods, so that many statements get past method
    // selection into evaluation.
    const methodParams = r.methods.length > 0 ? fc.constantFrom(...r.methods.map((m) => m.requiredParams)) : fc.constant([] as string[]);
    const required = methodParams.chain((ps) => fc.tuple(...ps.map((p) => literal.map((v) => `${p} = ${v}`))).map((eqs) => eqs as string[]));
    const where = fc
      .tuple(fc.option(required, { freq: 2 }), fc.array(fc.oneof({ weight: 3, arbitrary: equality }, { weight: 1, arbitrary: expr }), { maxLength: 3 }))
      .map(([req, ps]) => [...(req ?? []), ...ps])
      .map((ps) => (ps.length ? ` WHERE ${ps.join(' AND ')}` : ''));
    const target = fc.oneof({ weight: 6, arbitrary: fc.constant(r.id) }, fc.constantFrom(r.id.toUpperCase(), `${r.provider}.${r.service}.nope`, `"${r.provider}".${r.service}.${r.name}`));
    const selectList = fc.oneof(fc.constant('*'), fc.array(fc.tuple(expr, fc.option(fc.constantFrom('a', '"__proto__"', '"x y"', 'v'))), { minLength: 1, maxLength: 4 }).map((cs) => cs.map(([e, a]) => (a ? `${e} AS ${a}` : e)).join(', ')));
    const joins = fc.array(fc.tuple(fc.constantFrom('json_each', 'json_tree'), literal, fc.constantFrom('j', 'k', 'l')).map(([f, v, a]) => `, ${f}(${v}) AS ${a}`), { maxLength: 2 }).map((js) => js.join(''));
    const tail = fc.tuple(fc.option(expr), fc.option(fc.nat(20)), fc.option(fc.nat(5))).map(([order, limit, offset]) => `${order ? ` ORDER BY ${order}` : ''}${limit !== null ? ` LIMIT ${limit}` : ''}${limit !== null && offset !== null ? ` OFFSET ${offset}` : ''}`);
    const select = fc.tuple(fc.boolean(), selectList, target, joins, where, tail).map(([d, cols, t, j, w, rest]) => `SELECT ${d ? 'DISTINCT ' : ''}${cols} FROM ${t}${j}${w}${rest}`);
    const insertCols = fc.uniqueArray(fc.oneof(column, column.map((c) => `data__${c.replaceAll('"', '')}`)), { minLength: 1, maxLength: 4 });
    const insert = fc.tuple(target, insertCols).chain(([t, cs]) =>
      fc.tuple(fc.array(fc.oneof(literal, expr), { minLength: cs.length, maxLength: cs.length }), fc.boolean(), fc.option(selectList)).map(
        ([vs, select, ret]) => `INSERT INTO ${t} (${cs.join(', ')}) ${select ? `SELECT ${vs.join(', ')}` : `VALUES (${vs.join(', ')})`}${ret ? ` RETURNING ${ret}` : ''}`,
      ),
    );
    const update = fc.tuple(fc.constantFrom('UPDATE', 'REPLACE'), target, fc.array(fc.tuple(column, fc.oneof(literal, expr)), { minLength: 1, maxLength: 3 }), where).map(
      ([verb, t, sets, w]) => `${verb} ${t} SET ${sets.map(([c, v]) => `${c.replaceAll('"', '')} = ${v}`).join(', ')}${w}`,
    );
    const del = fc.tuple(target, where, fc.option(selectList)).map(([t, w, ret]) => `DELETE FROM ${t}${w}${ret ? ` RETURNING ${ret}` : ''}`);
    const methodName = r.methods.length > 0 ? fc.constantFrom(...r.methods.map((m) => m.name), 'nope') : fc.constant('nope');
    const exec = fc.tuple(methodName, fc.array(fc.tuple(column, literal), { maxLength: 3 }), fc.option(text)).map(
      ([m, args, json]) => `EXEC ${r.id}.${m} ${[...args.map(([c, v]) => `@${c.replaceAll('"', '')} = ${v}`), ...(json !== null ? [`@@json = ${quote(json)}`] : [])].join(', ')}`,
    );
    const show = fc.tuple(fc.constantFrom('PROVIDERS', `SERVICES IN ${r.provider}`, `RESOURCES IN ${r.provider}.${r.service}`, `METHODS IN ${r.id}`, `INSERT INTO ${r.id}`), fc.option(text)).map(
      ([what, like]) => `SHOW EXTENDED ${what}${like !== null ? ` LIKE ${quote(like)}` : ''}`,
    );
    const describe = fc.constantFrom(`DESCRIBE ${r.id}`, `DESCRIBE EXTENDED ${r.id}`, 'REGISTRY LIST', `REGISTRY PULL ${r.provider}`);
    return fc.oneof({ weight: 5, arbitrary: select }, { weight: 2, arbitrary: insert }, { weight: 2, arbitrary: update }, { weight: 2, arbitrary: del }, exec, show, describe);
  };

  const valid = resource.chain(forResource);

  const mutated = fc.tuple(valid, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('cut', 'dup', 'stray', 'swap'), fc.constantFrom(...STRAY)), { minLength: 1, maxLength: 4 })).map(([s, edits]) => {
    let out = s;
    for (const [a, b, kind, stray] of edits) {
      const i = a % (out.length + 1);
      const j = i + (b % 12);
      if (kind === 'cut') out = out.slice(0, i) + out.slice(j);
      else if (kind === 'dup') out = out.slice(0, j) + out.slice(i, j) + out.slice(j);
      else if (kind === 'stray') out = `${out.slice(0, i)} ${stray} ${out.slice(i)}`;
      else out = out.slice(j) + out.slice(0, i);
    }
    return out;
  });

  const n = fc.integer({ min: 50, max: sizes.maxRepeat });
  const extreme = fc.oneof(...Object.values(EXTREME_SHAPES).map((shape) => n.map(shape)));

  const noise = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }));

  return {
    valid,
    mutated,
    extreme,
    noise,
    any: fc.oneof({ weight: 4, arbitrary: valid }, { weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: extreme }, { weight: 1, arbitrary: noise }),
  };
}
