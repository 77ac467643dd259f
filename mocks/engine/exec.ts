/**
 * EXEC p.s.r.method @a = 'v', ... [@@json = '{...}']: checks that the method exists and gets its
 * required args (a required body param, `data__x`, may come from the @@json object instead), that
 * @@json is valid JSON, records the call in the exec log, and answers one row
 * `{message: 'The operation was despatched successfully'}` — the line StackQL prints for a method
 * call that returns no result set. Calls change no rows: the log is the observable effect.
 */
import type { ExecStatement } from '../../generator/core/sql/index.ts';
import type { Method } from '../../generator/core/model.ts';
import { errors } from './errors.ts';
import { literalValue, supplies } from './resolve.ts';
import type { ExecContext } from './select.ts';
import type { ExecCall, Row } from './types.ts';

export const EXEC_MESSAGE = 'The operation was despatched successfully';

export function runExec(ctx: ExecContext, stmt: ExecStatement): Row[] {
  const parts = stmt.target.parts;
  if (parts.length !== 4) throw errors.badMethodName(parts.join('.'));
  const info = ctx.catalog.resolve(parts.slice(0, 3));
  const name = parts[3] ?? '';
  const named = info.resource.methods.filter((m) => m.name === name);
  // StackQL can EXEC any method; an exec-verb one of that name wins over the others.
  const method: Method | undefined = named.find((m) => m.verb === 'exec') ?? named[0];
  if (method === undefined) throw errors.unknownMethod(info.id, name, info.resource.methods);

  let body: unknown;
  if (stmt.json !== undefined) {
    if (stmt.json.type !== 'string') throw errors.jsonNotString();
    try {
      body = JSON.parse(stmt.json.value);
    } catch (error) {
      throw errors.invalidJson((error as Error).message);
    }
  }
  const args: Record<string, unknown> = {};
  for (const a of stmt.args) args[a.name] = literalValue(a.value);

  const given = new Set(Object.keys(args));
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const k of Object.keys(body)) given.add(`data__${k}`);
  }
  const missing = method.requiredParams.filter((p) => !supplies(given, p));
  if (missing.length > 0) throw errors.missingParams('exec', `${info.id}.${method.name}`, missing, [method]);

  const call: ExecCall = { resource: info.id, method: method.name, args };
  if (stmt.json !== undefined) call.body = body;
  ctx.store.logExec(call);
  return [{ message: EXEC_MESSAGE }];
}
