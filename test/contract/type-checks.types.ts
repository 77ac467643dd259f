// Compile-time tests of the suites' type-level table (mocks/contract/type-checks.ts), checked by
// `npm run typecheck` (tsconfig.json includes test/): each @ts-expect-error line must be an error,
// and the rest must compile. Never imported.
import type { Refuses } from '../../mocks/contract/type-checks.ts';

interface GetArgs {
  project: string;
  zone?: string;
}
interface Methods {
  get: { verb: 'select'; args: GetArgs; row: { name: string | null }; defaults: 'name' };
  delete: { verb: 'delete'; args: GetArgs };
  'odd-name': { verb: 'exec'; args: GetArgs };
  patch: { verb: 'update'; args: { project?: string } };
  broken: { verb: 'exec' };
}

/** Every method that needs `project` refuses a call without it: SELECT, DELETE and a quoted name alike. */
export type Holds = Refuses<Methods, { get: 'project'; delete: 'project'; 'odd-name': 'project' }>;

// @ts-expect-error: patch can be called without project (it is optional)
export type OptionalArgument = Refuses<Methods, { patch: 'project' }>;
// @ts-expect-error: zone is optional in get
export type OptionalOfTwo = Refuses<Methods, { get: 'project' | 'zone' }>;
// @ts-expect-error: the client has no method list
export type NoSuchMethod = Refuses<Methods, { list: 'project' }>;
// @ts-expect-error: get takes no argument region
export type NoSuchArgument = Refuses<Methods, { get: 'region' }>;
// @ts-expect-error: broken is no callable method (no args)
export type NotCallable = Refuses<Methods, { broken: 'project' }>;
