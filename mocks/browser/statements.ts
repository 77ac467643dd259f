/**
 * The statements the browser page offers for one method of one resource: the docs' own examples
 * for it, placeholders filled with the typed sample values the contract suites use, then one
 * written from the method's parameters with the client runtime's renderers. Pure: the page and the
 * tests (which compute what the page must show) call the same function.
 */
import type { Method, Resource } from '../../generator/core/model.ts';
import { unknownFunctions } from '../../generator/core/doc-defects.ts';
import { fillPlaceholders, sampleValue } from '../../generator/core/sample-values.ts';
import { renderDelete, renderExec, renderInsert, renderSelect, renderUpdate } from '../../generator/runtime/render.ts';
import { exampleStatement } from '../../generator/core/example-statement.ts';

export interface MethodStatement {
  label: string;
  sql: string;
}

export interface MethodStatements {
  statements: MethodStatement[];
  /** What could not be offered, and why (an example that does not parse, a verb with no known column). */
  skipped: string[];
}

export function methodStatements(resource: Resource, method: Method): MethodStatements {
  const statements: MethodStatement[] = [];
  const skipped: string[] = [];
  const sameVerb = resource.methods.filter((m) => m.verb === method.verb);
  for (const e of resource.examples) {
    const mine = e.method === undefined ? e.verb === method.verb && sameVerb.length === 1 : e.method === method.name;
    if (!mine) continue;
    const where = `the docs' example at line ${e.line}`;
    if (e.parseError) {
      skipped.push(`${where} does not parse: ${e.parseError}`);
      continue;
    }
    // A doc defect (core/doc-defects.ts): no StackQL would run it, so the page does not offer it.
    const unknown = unknownFunctions(e);
    if (unknown) {
      skipped.push(`${where} cannot run: ${unknown}`);
      continue;
    }
    try {
      statements.push({ label: `docs example (line ${e.line}${e.variant ? `, ${e.variant}` : ''})`, sql: fillPlaceholders(e, resource).trim() });
    } catch (error) {
      skipped.push(`${where}: its placeholders cannot be filled (${(error as Error).message})`);
    }
  }
  try {
    statements.push({ label: "from the method's parameters", sql: fromMethod(resource, method) });
  } catch (error) {
    skipped.push(`no statement from the method's parameters: ${(error as Error).message}`);
  }
  return { statements, skipped };
}

/** Required params that go in the request body (`data__x`) apart from those that name the resource. */
function split(method: Method): { params: string[]; body: string[] } {
  const params: string[] = [];
  const body: string[] = [];
  method.requiredParams.forEach((p, i) => (method.requiredParamsResolved[i] === 'body' ? body : params).push(p));
  return { params, body };
}

function valuesOf(resource: Resource, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((n) => [n, sampleValue(n, resource)]));
}

function fromMethod(resource: Resource, method: Method): string {
  const target = resource.id;
  const documented = (verb: Method['verb']) => {
    const example = resource.examples.find((e) => e.verb === verb && (e.method === undefined || e.method === method.name));
    return example && exampleStatement(example);
  };
  switch (method.verb) {
    case 'select': {
      if (resource.selectNotSupported) throw new Error('the docs say this resource does not support SELECT');
      const set = resource.fieldSets.find((s) => s.method === method.name);
      const columns = set ? set.fields : resource.fields.map((f) => f.name);
      return renderSelect({ target, columns, where: valuesOf(resource, method.requiredParams) });
    }
    case 'insert': {
      const example = documented('insert');
      const columns = example?.kind === 'insert' && example.columns.length > 0 ? example.columns : method.requiredParams;
      return renderInsert({ target, values: columns.map((c) => [c, sampleValue(c, resource)] as const) });
    }
    case 'update':
    case 'replace': {
      const { params, body } = split(method);
      const example = documented(method.verb);
      const set = body.length > 0 ? body : example?.kind === method.verb ? example.set.map((a) => a.column) : [];
      return renderUpdate({ verb: method.verb, target, set: set.map((c) => [c, sampleValue(c, resource)] as const), where: valuesOf(resource, params) });
    }
    case 'delete':
      return renderDelete({ target, where: valuesOf(resource, method.requiredParams) });
    case 'exec': {
      const { params, body } = split(method);
      const json = body.length > 0 ? Object.fromEntries(body.map((b) => [b.replace(/^data__/, ''), sampleValue(b, resource)])) : undefined;
      return renderExec({ target, method: method.name, args: valuesOf(resource, params), json });
    }
  }
}
