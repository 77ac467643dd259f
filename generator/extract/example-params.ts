/**
 * Params only an example shows (awscc `cloud_control.resource`: its get example passes
 * `TypeName`, which its Methods table leaves out): a name a method's example compares in its WHERE
 * that is neither a field nor a param anywhere on the page (nor a `data__` body column) becomes an optional param of that
 * method, reported. Without it the documented example cannot run on the mock, and a client could
 * not pass what the docs show.
 */
import type { VFile } from 'vfile';
import { exampleStatement } from '../core/example-statement.ts';
import type { Example, Field, Method, Param } from '../core/model.ts';
import { warn } from '../parse/diagnostics.ts';

export function addExampleParams(methods: Method[], examples: readonly Example[], fields: readonly Field[], params: readonly Param[], file: VFile): void {
  const known = new Set<string>([...fields.map((f) => f.name), ...params.map((p) => p.name)].map((n) => n.toLowerCase()));
  for (const m of methods) for (const p of [...m.requiredParams, ...m.optionalParams]) known.add(p.toLowerCase());
  for (const e of examples) {
    const method = e.method === undefined || e.target !== undefined ? undefined : methods.find((m) => m.name === e.method);
    const st = method ? exampleStatement(e) : undefined;
    if (!method || !st || !('where' in st)) continue;
    const added: string[] = [];
    for (const p of st.where) {
      // `data__x` is the request body's x (StackQL's prefix), not a param.
      if (p.name === undefined || (p.op !== undefined && p.op !== '=') || p.name.startsWith('data__') || known.has(p.name.toLowerCase())) continue;
      known.add(p.name.toLowerCase());
      method.optionalParams.push(p.name);
      added.push(p.name);
    }
    if (added.length > 0) {
      warn(file, 'params/from-example', `the ${e.verb.toUpperCase()} example of '${method.name}' passes ${added.map((n) => `'${n}'`).join(', ')}, which no Methods, Parameters or Fields table lists: read as optional param(s) of '${method.name}'`, e.line);
    }
  }
}
