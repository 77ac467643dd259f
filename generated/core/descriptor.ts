/**
 * What the client runtime renders one documented method from (runtime/resource-client.ts
 * renderMethod): plain data, planned from the model (plan.ts) and printed into the generated
 * clients. The planner and the contract spec built on it live in core (the generator and the
 * copied contract runtime both run them), which imports no runtime; the client runtime imports
 * nothing outside its folder. So both declare the type: test/runtime/self-contained.test.ts
 * checks at compile time that the two are one type.
 */

export type Verb = 'select' | 'insert' | 'update' | 'replace' | 'delete' | 'exec';

/**
 * Where one argument goes: a column (or EXEC argument, or `@@json` key) whose value is the argument
 * of the same name, or `[column, argument]` when the two differ (`['data__email', 'email']`).
 */
export type Slot = string | readonly [column: string, argument: string];

/** One documented method, as plain data. Generated; read only by renderMethod. */
export interface MethodDescriptor {
  readonly verb: Verb;
  /** The method's name as documented, when it is not the key (EXEC sends it). */
  readonly name?: string;
  /** The docs' leading label comment, e.g. 'create' for `/*+ create *\/`. */
  readonly hint?: string;
  /** Query directives written after the verb, e.g. ['AWAIT']. */
  readonly directives?: readonly string[];
  /** SELECT: the columns asked for when the caller names none; absent means `*`. */
  readonly columns?: readonly string[];
  /** SELECT, UPDATE, REPLACE, DELETE: `column = value` predicates, in this order. */
  readonly where?: readonly Slot[];
  /** INSERT: the column list, in this order. */
  readonly values?: readonly Slot[];
  /** UPDATE, REPLACE: the SET list, in this order. */
  readonly set?: readonly Slot[];
  /** EXEC: the `@name = value` arguments, in this order. */
  readonly args?: readonly Slot[];
  /** EXEC: the keys of the `@@json` request body, in this order. */
  readonly json?: readonly Slot[];
  /** EXEC: the argument that is the whole `@@json` body (when the docs' body is not a JSON object). */
  readonly body?: string;
  /** The RETURNING list of the docs' example. */
  readonly returning?: readonly string[];
  /** Arguments that must be given (not undefined). */
  readonly required?: readonly string[];
}
