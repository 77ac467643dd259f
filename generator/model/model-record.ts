/**
 * The model record: what the last model assembled from a docs folder came to (its text's hash and
 * size, its summary and diagnostics), under a digest of everything the text is made from. A run
 * whose pages all hash as before (the stat index usually says so without reading them) finds its
 * model here and need not load the page cache or assemble and hash tens of MB of text to learn
 * that the output folder is already written from it; the text itself is assembled only if
 * something asks for it (read-model.ts). One file beside the page cache, holding the last model.
 *
 * The text is a function of the page records in page order and of which resources --include and
 * --exclude keep (build-model.ts); a record is a function of the page's hash (its path as shown
 * and its bytes) and the parser's code, whose identity covers generator/model and generator/core
 * too (the assembly, the model version, the writer stamp). Records that depend on anything else (a
 * page over its time budget) are never cached, and a model holding one is never recorded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Diagnostic, ModelSummary } from '../core/model.ts';
import { writeFileAtomic } from '../write/atomic.ts';

const HEADER = 'model-record 1';

export interface ModelRecord {
  /** sha1 of model.json's text (BuiltModel.hash). */
  hash: string;
  bytes: number;
  summary: ModelSummary;
  diagnostics: Diagnostic[];
}

/** The digest of a model's input: the parser's identity, the pages' hashes in order, the selection. */
export function modelInput(parser: string, pageHashes: readonly string[], selection: { include?: readonly string[]; exclude?: readonly string[] }): string {
  const h = createHash('sha1').update(parser).update('\u0000').update(JSON.stringify([selection.include ?? [], selection.exclude ?? []]));
  for (const hash of pageHashes) h.update('\u0000').update(hash);
  return h.digest('hex');
}

/** The recorded model of this input; undefined when the file holds another input's, or none, or is damaged. */
export function loadModelRecord(file: string, input: string): ModelRecord | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const nl = text.indexOf('\n');
  const head = text.slice(0, nl >>> 0).split(' ');
  if (nl < 0 || head.length !== 5 || `${head[0]} ${head[1]}` !== HEADER || head[2] !== input) return undefined;
  const bytes = Number(head[4]);
  try {
    const { summary, diagnostics } = JSON.parse(text.slice(nl + 1)) as Pick<ModelRecord, 'summary' | 'diagnostics'>;
    if (!/^[0-9a-f]{40}$/.test(head[3]!) || !Number.isSafeInteger(bytes) || typeof summary !== 'object' || summary === null || !Array.isArray(diagnostics)) return undefined;
    return { hash: head[3]!, bytes, summary, diagnostics };
  } catch {
    return undefined; // cut short or damaged: assembled as if there were none
  }
}

export function saveModelRecord(file: string, input: string, model: ModelRecord): void {
  writeFileAtomic(file, `${HEADER} ${input} ${model.hash} ${model.bytes}\n${JSON.stringify({ summary: model.summary, diagnostics: model.diagnostics })}\n`);
}
