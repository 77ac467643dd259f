/**
 * The contract tests: model in, files out (paths relative to the output folder, sorted; the same
 * model gives the same bytes).
 *
 *   contract/<provider>/<service>/<res>.test.ts one call: contractSuite(resource, rowValidator), plus the
 *                                              compile-time checks (one type-level table, `Refuses<Methods,
 *                                              { method: 'arg' }>`, contract-runtime/type-checks.ts); the suite builds
 *                                              what it checks at run time from the resource's model
 *                                              (core/build-contract-spec.ts)
 *   contract/harness.ts                        binds the runtime (contract-runtime/) to the generated MSW handlers
 *   contract/vitest.config.ts                  runs contract/**\/*.test.ts with the drift reporter and
 *                                              contract-runtime/runner.ts (a suite as generated is run
 *                                              without a transform)
 *
 * The folder also needs what the other emitters write into it: `runtime/` and `clients/`
 * (emitClients), `mocks/` (emitHandlers), `validators/` (emitValidators), the copied runtimes
 * (runtime-bundle.ts) and `vitest-deps.ts` (emitVitestDeps), which the config reads.
 */
import type { RuntimeMode } from '../config/define-config.ts';
import type { Model, Resource } from '../core/model.ts';
import type { EmittedFile } from './emitted-file.ts';
import { layout, sortById, upFrom } from './layout.ts';
import { docText, propertyKey, tsString } from '../core/ts-names.ts';
import { planResource } from '../core/plan.ts';
import { CONTRACT_RUNTIME_DIR, PACKAGE_NAME } from './runtime-bundle.ts';
import { render } from './templates.ts';
import { safeComment } from './validators.ts';

export function emitContracts(model: Model): EmittedFile[] {
  const paths = layout(model.resources).paths;
  const files: EmittedFile[] = sortById(model.resources).map((resource) => emitContractResource(resource, paths.get(resource.id)!));
  files.push(...emitContractIndexes());
  return files;
}

/** One resource's contract suite, at its place in the layout: a function of the resource alone. */
export function emitContractResource(resource: Resource, path: string): EmittedFile {
  return { path: `contract/${path}.test.ts`, content: emitSuite(resource, path) };
}

/**
 * The files every suite shares: the harness and the vitest config. The config names the runner
 * (contract-runtime/runner.ts) by a path vitest resolves from the output folder: the copy's, or the
 * package's export (`runtime: 'package'`), since it is a string, not an import that
 * importRuntimesFromPackage would rewrite.
 */
export function emitContractIndexes(runtime: RuntimeMode = 'copy'): EmittedFile[] {
  const runner = runtime === 'package' ? `${PACKAGE_NAME}/contract/runner.js` : `./${CONTRACT_RUNTIME_DIR}/runner.js`;
  return [
    { path: 'contract/harness.ts', content: render('contract-harness', { runtime: CONTRACT_RUNTIME_DIR }) },
    { path: 'contract/vitest.config.ts', content: render('contract-vitest-config', { runtime: CONTRACT_RUNTIME_DIR, runner }) },
  ];
}

function emitSuite(resource: Resource, path: string): string {
  const plan = planResource(resource);
  // The first required argument of each method that has one: Refuses<Methods, { method: 'arg' }> (contract-runtime/type-checks.ts).
  const required = plan.methods.flatMap((mp) => {
    const first = mp.args.find((a) => a.required);
    return first ? [{ key: propertyKey(mp.key), arg: tsString(first.key) }] : [];
  });
  const title = resource.title && resource.title !== resource.name ? ` (${docText(resource.title, 80)})` : '';
  return render('contract-suite', {
    id: safeComment(resource.id),
    title: safeComment(title),
    source: safeComment(resource.source.file),
    up: upFrom(path),
    harness: upFrom(path).slice(3),
    path,
    required,
  });
}
