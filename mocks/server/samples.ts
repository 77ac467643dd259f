/**
 * Sample statements for the banner of `npm run mock`: a SELECT, an INSERT and an EXEC of real
 * resources of the loaded model, each tried against the engine first so that what is printed is
 * known to work (the engine is reset afterwards).
 */
import type { Model, Resource } from '../../generator/core/model.ts';
import { sampleValue } from '../../generator/core/sample-values.ts';
import { renderExec, renderInsert, renderSelect } from '../../generator/runtime/render.ts';
import type { MockEngine } from '../engine/types.ts';
import { exampleStatement } from '../../generator/core/example-statement.ts';

export interface SampleQuery {
  verb: 'select' | 'insert' | 'exec';
  resource: string;
  query: string;
}

/** Candidates tried per verb before giving up on it. */
const MAX_TRIES = 40;

export async function sampleQueries(model: Model, engine: MockEngine): Promise<SampleQuery[]> {
  const out: SampleQuery[] = [];
  for (const verb of ['select', 'insert', 'exec'] as const) {
    let tries = 0;
    for (const candidate of candidates(model, verb)) {
      if (tries++ >= MAX_TRIES) break;
      let ok = false;
      try {
        ok = (await engine.query({ query: candidate.query, showMetadata: false })).status === 200;
      } catch {
        ok = false;
      }
      if (ok) {
        out.push(candidate);
        break;
      }
    }
  }
  engine.reset();
  return out;
}

/** Candidate statements for a verb, the simplest (fewest required params) first. */
export function* candidates(model: Model, verb: SampleQuery['verb']): Generator<SampleQuery> {
  const options: Array<{ cost: number; make: () => SampleQuery | undefined }> = [];
  for (const r of model.resources) {
    for (const m of r.methods) {
      if (m.verb !== verb || m.duplicate) continue;
      const cost = m.requiredParams.length * 10 + (r.provider === 'example' ? 5 : 0);
      options.push({ cost, make: () => build(r, verb, m.name, m.requiredParams, m.requiredParamsResolved) });
    }
  }
  options.sort((a, b) => a.cost - b.cost);
  for (const o of options) {
    let q: SampleQuery | undefined;
    try {
      q = o.make();
    } catch {
      q = undefined;
    }
    if (q) yield q;
  }
}

function build(
  r: Resource,
  verb: SampleQuery['verb'],
  method: string,
  required: string[],
  resolved: string[],
): SampleQuery | undefined {
  const value = (name: string) => sampleValue(name, r);
  if (verb === 'select') {
    if (r.selectNotSupported) return undefined;
    const where = Object.fromEntries(required.map((p) => [p, value(p)]));
    const columns = r.fields.slice(0, 3).map((f) => f.name);
    return { verb, resource: r.id, query: oneLine(renderSelect({ target: r.id, columns, where })) };
  }
  if (verb === 'insert') {
    // The docs' own INSERT shows how columns are named here (data__email or email).
    const example = r.examples.find((e) => e.verb === 'insert' && exampleStatement(e)?.kind === 'insert' && (!e.method || e.method === method));
    const statement = example && exampleStatement(example);
    const columns = statement?.kind === 'insert' && statement.columns.length > 0 ? statement.columns : required;
    if (columns.length === 0) return undefined;
    const values = columns.map((c) => [c, value(c)] as const);
    return { verb, resource: r.id, query: oneLine(renderInsert({ target: r.id, values })) };
  }
  const args: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  required.forEach((p, k) => {
    if (resolved[k] === 'body') body[p] = value(p);
    else args[p] = value(p);
  });
  const json = Object.keys(body).length > 0 ? body : undefined;
  return { verb, resource: r.id, query: oneLine(renderExec({ target: r.id, method, args, json })) };
}

function oneLine(sql: string): string {
  return sql.replace(/\s*\n\s*/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

/** A curl command line (POSIX shell quoting) sending `query` to the server. */
export function curlCommand(url: string, query: string): string {
  const body = JSON.stringify({ query });
  return `curl -s ${url}/stackql -H 'content-type: application/json' -d '${body.replace(/'/g, `'\\''`)}'`;
}

/** The same statement through psql, to the Postgres-wire front. */
export function psqlCommand(host: string, port: number, query: string): string {
  return `psql -h ${host} -p ${port} -U stackql -d stackql -c '${query.replace(/'/g, `'\\''`)}'`;
}
