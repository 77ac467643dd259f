/**
 * Do the client, the mock and the validator accept the same rows? Three checks per resource:
 *
 *  1. schema comparison: the client's Row, as printed (its TsType tree, read back into JSON Schema
 *     here, independently of core/json-schema.ts), equals the validator's schema once the parts
 *     TypeScript cannot say are set aside (formats and patterns; integer vs number);
 *  2. the mock's rows (fake data from the type references, several rows and seeds) pass the
 *     validator's compiled check, every field present;
 *  3. type level: the same rows, written as `const rows: Row[] = [...]` next to the client module,
 *     type-check (rowsModule + tsc, run by the callers over whole folders).
 */
import type { Model, Resource } from '../../generator/core/model.ts';
import { hashParts } from '../../mocks/engine/random.ts';
import { compileFields, fakeRow, regionFamily } from '../../mocks/engine/fake-data.ts';
import { singular } from '../../generator/core/names.ts';
import { planResource } from '../../generator/core/plan.ts';
import type { TsType } from '../../generator/core/ts-types.ts';
import { resourceRowSchema } from '../../generator/emit/validators.ts';
import { compileRowCheck, newRowCheckAjv, validateRows } from '../../mocks/contract/validate.ts';
import type { Ajv } from 'ajv';

type Schema = Record<string, unknown>;

/** A printed union of literals (`'A' | 'B\'C' | 3`) → its values; undefined for anything else. */
function literals(text: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  const re = /\s*(?:'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?))\s*(\||$)/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return undefined;
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : Number(m[2]));
    at = re.lastIndex;
    if (m[3] === '') break;
  }
  return at === text.length && out.length > 0 ? out : undefined;
}

/** What the client's TypeScript type accepts, as JSON Schema. */
export function schemaOfTs(type: TsType): Schema {
  switch (type.kind) {
    case 'nullable': {
      const inner = schemaOfTs(type.type);
      if (inner.enum) return { ...inner, type: [inner.type, 'null'], enum: [...(inner.enum as unknown[]), null] };
      return { ...inner, type: [inner.type, 'null'] };
    }
    case 'array':
      return { type: 'array', items: schemaOfTs(type.element) };
    case 'object': {
      const properties: Schema = {};
      for (const p of type.props) Object.defineProperty(properties, p.name, { value: schemaOfTs(p.type), enumerable: true });
      return type.open ? { type: 'object', properties } : { type: 'object', properties, additionalProperties: false };
    }
    case 'ref':
      switch (type.text) {
        case 'string':
          return { type: 'string' };
        case 'number':
          return { type: 'number' };
        case 'boolean':
          return { type: 'boolean' };
        case 'unknown':
          return {};
        case 'Record<string, unknown>':
          return { type: 'object' };
        case 'Record<string, never>':
          return { type: 'object', additionalProperties: false };
        case 'unknown[]':
          return { type: 'array' };
        default: {
          const values = literals(type.text);
          if (!values) throw new Error(`a client type the comparison does not know: ${type.text}`);
          return { type: typeof values[0] === 'number' ? 'number' : 'string', enum: values };
        }
      }
  }
}

/** What TypeScript cannot say, set aside: formats, patterns, integer (a number). */
export function comparable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(comparable);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'format' || k === 'pattern') continue;
    let value = k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([name, s]) => [name, comparable(s)])) : comparable(v);
    if (k === 'type') value = Array.isArray(v) ? v.map((t) => (t === 'integer' ? 'number' : t)) : v === 'integer' ? 'number' : v;
    if (k === 'items' || k === 'properties' || k === 'type' || k === 'enum' || k === 'additionalProperties') Object.defineProperty(out, k, { value, enumerable: true });
  }
  return out;
}

/** The mock's rows of a resource: every field drawn from its type, for a few seeds and rows. */
export function mockRows(resource: Resource, seeds = [1, 2], rows = 2): Array<Record<string, unknown>> {
  const generators = compileFields(resource.fields, { provider: resource.provider, family: regionFamily(resource.provider), service: resource.service, singular: singular(resource.name) });
  const out: Array<Record<string, unknown>> = [];
  for (const seed of seeds) for (let i = 0; i < rows; i++) out.push(fakeRow(generators, hashParts([seed, resource.id, 'agreement', i])));
  return out;
}

export interface Disagreement {
  resource: string;
  check: 'schema' | 'mock-rows';
  message: string;
}

/** Checks 1 and 2 for every resource of a model; [] when they agree. `mockModel`: what the mock serves (tests of a broken mock). */
export function disagreements(model: Model, mockModel: Model = model): Disagreement[] {
  const mocked = new Map(mockModel.resources.map((r) => [r.id, r]));
  const out: Disagreement[] = [];
  let ajv: Ajv | undefined;
  model.resources.forEach((resource, k) => {
    if (k % 200 === 0) ajv = newRowCheckAjv();
    const plan = planResource(resource);
    const schema = resourceRowSchema(resource, plan);
    const client: Schema = { type: 'object', properties: Object.fromEntries((plan.row ?? []).map((p) => [p.name, schemaOfTs(p.type)])) };
    const [a, b] = [JSON.stringify(comparable(client)), JSON.stringify(comparable(schema))];
    if (a !== b) out.push({ resource: resource.id, check: 'schema', message: `client ${a.slice(0, 300)} vs validator ${b.slice(0, 300)}` });
    const check = compileRowCheck(schema, ajv);
    const columns = (plan.row ?? []).map((p) => p.name);
    const problems = validateRows(check, columns, mockRows(mocked.get(resource.id) ?? resource), { columns: resource.fields.map((f) => f.name) });
    for (const p of problems.slice(0, 3)) out.push({ resource: resource.id, check: 'mock-rows', message: p.message });
  });
  return out;
}

/** Check 3's file for a resource at `path` (the layout's): the mock's rows, typed by the client's Row. */
export function rowsModule(resource: Resource, path: string): string {
  const up = '../'.repeat(path.split('/').length);
  return `import type { Row } from '${up}clients/${path}.js';\n\nexport const rows: Array<Partial<Row>> = ${JSON.stringify(mockRows(resource), null, 1)};\n`;
}
