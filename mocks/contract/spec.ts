/**
 * What a generated contract suite checks (core/contract-spec.ts), derived at run time from the
 * resource's model: the suites print no spec, they read the model through the generated mocks
 * entry (`resource(id)`, mocks/msw/entry.ts) and plan it with the code the generator plans the
 * clients with (core/plan.ts, core/build-contract-spec.ts). No vitest here: suite.ts runs it.
 */
import type { ContractSpec } from '../../generator/core/contract-spec.ts';
import { contractSpec } from '../../generator/core/build-contract-spec.ts';
import type { Resource } from '../../generator/core/model.ts';
import { renderMethod } from '../../generator/runtime/resource-client.ts';

/**
 * The spec of resource `id`, from its model (`model`: the mocks entry's `resource`); a view whose
 * base the model lacks has its methods skipped, saying so. The same function of the model the
 * generator used to print into every suite.
 */
export async function deriveContractSpec(id: string, model: (id: string) => Promise<Resource | undefined>): Promise<ContractSpec> {
  const resource = await model(id);
  if (resource === undefined) throw new Error(`the mocks' model has no resource ${id}: the suites and the mocks come from different generations (run generate again)`);
  const base = resource.view?.base;
  const baseInModel = base === undefined || (await model(base)) !== undefined;
  return contractSpec(resource, { render: renderMethod, baseInModel });
}
