/**
 * The other resources a resource reads: the targets of its examples (an azure `vw_` view queried
 * on its base's page) and a view's base. A mock that serves the resource must hold these too.
 */
import type { Resource } from './model.ts';

export function resourceReads(r: Pick<Resource, 'id' | 'examples' | 'view'>): string[] {
  const out = new Set<string>();
  for (const e of r.examples) if (e.target !== undefined && e.target !== r.id) out.add(e.target);
  if (r.view?.base !== undefined && r.view.base !== r.id) out.add(r.view.base);
  return [...out].sort();
}
