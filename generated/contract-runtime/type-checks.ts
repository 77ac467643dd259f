/**
 * The compile-time half of a contract suite: a type-level table of the arguments the generated
 * client must not let a caller leave out. Each suite holds one,
 *
 *   export type RequiredArguments = Refuses<Methods, { get: 'project'; list: 'project' }>;
 *
 * and `tsc` over the generated folder fails (TS2344, naming the method and the argument) when the
 * client's `get` can be called with the arguments of `Methods['get']` less `project`, exactly the
 * call `client.get({} as Omit<Methods['get']['args'], 'project'>)` that each suite used to hold
 * under `@ts-expect-error`, one line per method (2.2 MB of the google microsite's suites). A method
 * the client does not have, or an argument its args do not name, fails too.
 */
import type { ResourceClient } from '../runtime/resource-client.js';

type ArgsOf<T> = T extends { args: infer A } ? A : never;

/** Does a call of `F` with one argument of type `A` type-check? */
type Accepts<F, A> = F extends (...params: infer P) => unknown ? ([A] extends P ? true : false) : false;

/** `N` when the client refuses a call of method K without argument N; otherwise a message that `N` cannot match. */
type Refused<M, K extends keyof M, N> = N extends string
  ? N extends keyof ArgsOf<M[K]>
    ? Accepts<ResourceClient<M>[K], Omit<ArgsOf<M[K]>, N>> extends true
      ? `${K & string} can be called without its required argument ${N}`
      : N
    : `${K & string} takes no argument ${N}`
  : never;

/** What a table must be for the client `ResourceClient<M>`: each method maps to the argument(s) it cannot do without. */
export type RefusalTable<M, T> = { readonly [K in keyof T]: K extends keyof M ? Refused<M, K, T[K]> : `the client has no method ${K & string}` };

/**
 * `T` when, for every method K it names, the client refuses a call without each argument `T[K]`
 * names; a compile error (the table does not satisfy its constraint) otherwise.
 */
export type Refuses<M, T extends RefusalTable<M, T>> = T;
