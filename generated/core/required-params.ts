/**
 * Which required params a statement gives a method, the way StackQL takes them. UPDATE and REPLACE
 * send their SET list as the request body and take path and query params from WHERE only, so a
 * param that goes outside the body is not given by a SET column of the same name (google's `name`
 * is both the path param and a body field: `SET name = 'x'` with no WHERE is refused, naming it).
 * SET does give a body param (AWS Cloud Control's `PatchDocument`) and one the docs do not place.
 * Shared by the mock (which method runs), the docs' examples (which cannot run) and the contract
 * suites (which statements must be refused).
 */
import type { Method, Param } from './model.js';
import { supplies, type StatementShape } from './statement-shape.js';

/** The names a statement gives values to, split by where they go. */
export interface GivenNames {
  /** WHERE params, INSERT columns, EXEC args, `@@json` keys: each gives any param of its name. */
  anywhere: ReadonlySet<string>;
  /** UPDATE/REPLACE SET columns: the body, so they give only params that go in it. */
  body: ReadonlySet<string>;
}

/** What a param name says about its place: only its Parameters row (`in`) is read. */
export type ParamPlace = (name: string) => Param['in'] | undefined;

const NONE: ReadonlySet<string> = new Set();

/** Whether required param number `k` of `method` may be given in the body (a SET column). */
export function goesInBody(method: Pick<Method, 'requiredParams' | 'requiredParamsResolved'>, k: number, place?: ParamPlace): boolean {
  const name = method.requiredParams[k]!;
  if (name.startsWith('data__') || place?.(name) === 'body') return true;
  return method.requiredParamsResolved[k] !== 'param';
}

/** The required params of `method` that `given` leaves out, in the method's order. */
export function missingParams(method: Pick<Method, 'requiredParams' | 'requiredParamsResolved'>, given: GivenNames, place?: ParamPlace): string[] {
  return method.requiredParams.filter((p, k) => !supplies(given.anywhere, p) && !(supplies(given.body, p) && goesInBody(method, k, place)));
}

/** A statement shape's names, split as StackQL takes them (see the module comment). */
export function givenNames(shape: StatementShape): GivenNames {
  const anywhere = new Set([...(shape.where ?? []), ...(shape.values ?? []), ...(shape.args ?? []), ...(shape.json ?? [])]);
  return { anywhere, body: shape.set ? new Set(shape.set) : NONE };
}
