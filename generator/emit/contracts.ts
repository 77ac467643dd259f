/**
 * The contract tests: model in, files out (paths relative to the output folder, sorted; the same
 * model gives the same bytes).
 *
 *   contract/<provider>/<service>/<res>.test.ts one call: contractSuite(resource, rowValidator, spec),
 *                                              plus the compile-time checks (`@ts-expect-error`)
 *   contract/harness.ts                        binds the runtime (contract-runtime/) to the generated MSW handlers
 *   contract/vitest.config.ts                  runs contract/**\/*.test.ts with the drift reporter
 *
 * The folder also needs what the other emitters write into it: `runtime/` and `clients/`
 * (emitClients), `mocks/` (emitHandlers), `validators/` (emitValidators) and the copied runtimes
 * (runtime-bundle.ts). What a suite checks is decided in contract-spec.ts.
 */
import type { Model, Resource } from '../core/model.ts';
import { contractSpec } from './contract-spec.ts';
import type { EmittedFile } from './emitted-file.ts';
import { layout, sortById, upFrom } from './layout.ts';
import { docText, tsString } from './names.ts';
import { planResource } from './plan.ts';
import { printValue, repeatedLists } from './print-value.ts';
import { CONTRACT_RUNTIME_DIR } from './runtime-bundle.ts';
import { render } from './templates.ts';
import { safeComment } from './validators.ts';

export function emitContracts(model: Model): EmittedFile[] {
  const paths = layout(model.resources).paths;
  const inModel = (id: string) => paths.has(id);
  const files: EmittedFile[] = sortById(model.resources).map((resource) => emitContractResource(resource, paths.get(resource.id)!, baseMissing(resource, inModel)));
  files.push(...emitContractIndexes());
  return files;
}

/** Whether a view's base resource is absent from the model: its suite then skips, saying so. */
export function baseMissing(resource: Resource, inModel: (id: string) => boolean): boolean {
  return resource.view?.base !== undefined && !inModel(resource.view.base);
}

/**
 * One resource's contract suite, at its place in the layout. Besides the resource itself it
 * depends on one fact of the model only: whether a view's base is in it.
 */
export function emitContractResource(resource: Resource, path: string, withoutBase = false): EmittedFile {
  return { path: `contract/${path}.test.ts`, content: emitSuite(resource, path, (id) => !(withoutBase && id === resource.view?.base)) };
}

/** The files every suite shares: the harness and the vitest config. */
export function emitContractIndexes(): EmittedFile[] {
  return [
    { path: 'contract/harness.ts', content: render('contract-harness', { runtime: CONTRACT_RUNTIME_DIR }) },
    { path: 'contract/vitest.config.ts', content: render('contract-vitest-config', { runtime: CONTRACT_RUNTIME_DIR }) },
  ];
}

function emitSuite(resource: Resource, path: string, inModel: (id: string) => boolean): string {
  const plan = planResource(resource);
  const typeChecks = plan.methods.flatMap((mp) => {
    const first = mp.args.find((a) => a.required);
    if (!first) return [];
    const member = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(mp.key) ? `.${mp.key}` : `[${tsString(mp.key)}]`;
    return [{ key: safeComment(mp.key), arg: safeComment(first.key), member, keyLiteral: tsString(mp.key), argLiteral: tsString(first.key) }];
  });
  const title = resource.title && resource.title !== resource.name ? ` (${docText(resource.title, 80)})` : '';
  return render('contract-suite', {
    id: safeComment(resource.id),
    title: safeComment(title),
    source: safeComment(resource.source.file),
    up: upFrom(path),
    harness: upFrom(path).slice(3),
    path,
    ...specText(contractSpec(resource, plan, inModel)),
    typeChecks,
  });
}

/** The spec as a literal, its repeated name lists printed once each as `names<n>` constants. */
function specText(spec: object): { spec: string; lists: Array<{ name: string; value: string }> } {
  const repeated = repeatedLists(spec);
  const names = new Map(repeated.map((json, k) => [json, `names${k}`]));
  return {
    spec: printValue(spec, '', undefined, names),
    lists: repeated.map((json, k) => ({ name: `names${k}`, value: printValue(JSON.parse(json) as string[]) })),
  };
}
