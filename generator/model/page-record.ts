/**
 * What one page contributes to the model, in the form that crosses threads and sits in the cache:
 * the resource already serialised (as it will appear in model.json) plus the few facts the main
 * thread needs to assemble the model. Serialising in the workers is what lets the main thread
 * stay out of the way: it splices text instead of cloning, validating and printing objects.
 */
import type { PageDiagnostic } from '../parse/diagnostics.ts';
import type { BlockCounts } from '../extract/coverage.ts';
import type { PageResult } from '../extract/resource.ts';
import type { Resource } from '../core/model.ts';
import { encodeResource } from '../core/model-codec.ts';
import { resourceReads } from '../core/reads.ts';
import { validateResource } from './validate.ts';

export interface PageRecord {
  kind: 'resource' | 'skipped';
  /** Why a page is not a resource: service-index, provider-index, landing-page, crash, ... */
  reason?: string;
  id?: string;
  /** The Overview's Name row: with the page's path, what decides between two pages claiming one id. */
  title?: string;
  /** The resource's names, for laying out the output without parsing resourceJson. */
  provider?: string;
  service?: string;
  name?: string;
  methods: number;
  methodRows: number;
  examples: number;
  diagnostics: PageDiagnostic[];
  /** The Resource as one line of JSON, indented for its place in model.json's resources array. */
  resourceJson?: string;
  /** The page's blocks and how many were read (resource pages). */
  blocks?: BlockCounts;
  /** A view's base resource (the FROM of its definition): its fields are typed from the base's. */
  viewBase?: string;
  /** The other resources it reads (core/reads.ts): the mock's service chunks load them together. */
  reads?: string[];
}

export const RESOURCE_INDENT = '  ';

/**
 * One line per resource: a provider's model.json is tens of MB, a third of it indentation when
 * pretty. In its stored form (core/model-codec.ts): decodeResource of JSON.parse of it is `r`.
 */
export function resourceJsonOf(r: Resource): string {
  return storedJson(encodeResource(r));
}

const storedJson = (stored: object): string => RESOURCE_INDENT + JSON.stringify(stored);

export function toRecord(result: PageResult): PageRecord {
  if (result.kind === 'skipped') {
    return { kind: 'skipped', reason: result.reason, methods: 0, methodRows: 0, examples: 0, diagnostics: result.diagnostics };
  }
  const r = result.resource;
  // The schema is model.json's: it checks the stored form, the one written.
  const stored = encodeResource(r);
  const problems = validateResource(stored);
  if (problems.length > 0) {
    // A bug of ours, not of the page: loud, counted, and the run goes on.
    return {
      kind: 'skipped',
      reason: 'invalid-model',
      methods: 0,
      methodRows: result.methodRows,
      examples: 0,
      diagnostics: [...result.diagnostics, { severity: 'error', code: 'model/invalid-resource', message: `internal error: resource ${r.id} does not match the model schema: ${problems.slice(0, 3).join('; ')}`, line: r.source.line }],
    };
  }
  const record: PageRecord = {
    kind: 'resource',
    id: r.id,
    provider: r.provider,
    service: r.service,
    name: r.name,
    methods: r.methods.length,
    methodRows: result.methodRows,
    examples: r.examples.length,
    diagnostics: result.diagnostics,
    resourceJson: storedJson(stored),
    blocks: result.blocks,
  };
  if (r.title !== undefined) record.title = r.title;
  if (r.view?.base !== undefined) record.viewBase = r.view.base;
  const reads = resourceReads(r);
  if (reads.length > 0) record.reads = reads;
  return record;
}
