/**
 * model.json's text, and where each resource sits in it: the UTF-8 byte range of its JSON. The
 * generated mocks read one service's resources as one byte range of model.json (its resources are
 * contiguous: sorted by id, every id starts with `provider.service.`), so the model is stored once.
 * buildModel (from page records) and modelTextOf (from a Model, as emitAll has it) print the same
 * bytes for the same model.
 */
import { RESOURCE_INDENT, resourceJsonOf } from './page-record.ts';
import type { Diagnostic, Model, ModelSummary } from '../core/model.ts';
import { WRITER } from '../core/writer.ts';

export interface ModelText {
  /** The whole text, joined on first use (a generate that writes model.json never asks: `parts`). */
  readonly text: string;
  /** Pieces whose concatenation is the text, as they come (each resource's JSON is one): written or hashed one by one, no string of tens of MB made. */
  parts: readonly string[];
  /** model.json's size in bytes (UTF-8). */
  bytes: number;
  /** Per resource, in the order given: [start, end) of its JSON object in the text's UTF-8 bytes. */
  ranges: Array<readonly [start: number, end: number]>;
}

/** The text of a model whose resources are already serialised (`resourceJsonOf`, in id order). */
export function modelText(version: string, summary: ModelSummary, resources: readonly string[], diagnostics: readonly Diagnostic[]): ModelText {
  const head = ['{', ` "version": ${JSON.stringify(version)},`, ` "writer": ${JSON.stringify(WRITER)},`, ` "summary": ${JSON.stringify(summary, null, 1).replace(/\n/g, '\n ')},`].join('\n');
  const tail = `${diagnostics.length === 0 ? ' "diagnostics": []' : ` "diagnostics": [\n${diagnostics.map((d) => `  ${JSON.stringify(d)}`).join(',\n')}\n ]`}\n}\n`;
  const ranges: Array<readonly [number, number]> = [];
  // `head\n "resources": [\n`, then each resource `<indent><json>` with `,\n` (ASCII) before the next, then `\n ],\n` and the tail.
  const opening = `${head}\n "resources": [${resources.length === 0 ? '],\n' : '\n'}`;
  const parts: string[] = [opening];
  let at = Buffer.byteLength(opening);
  resources.forEach((json, k) => {
    if (!json.startsWith(RESOURCE_INDENT)) throw new Error(`internal: a resource's JSON does not start with its indent: ${json.slice(0, 40)}`);
    if (k > 0) {
      parts.push(',\n');
      at += 2;
    }
    parts.push(json);
    const end = at + Buffer.byteLength(json);
    ranges.push([at + RESOURCE_INDENT.length, end]);
    at = end;
  });
  if (resources.length > 0) {
    parts.push('\n ],\n');
    at += 5;
  }
  parts.push(tail);
  at += Buffer.byteLength(tail);
  let text: string | undefined;
  return {
    get text() {
      return (text ??= parts.join(''));
    },
    parts,
    bytes: at,
    ranges,
  };
}

/** model.json's text for a model (its resources sorted by id), the bytes buildModel prints for it. */
export function modelTextOf(model: Model): ModelText {
  const resources = [...model.resources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return modelText(model.version, model.summary, resources.map(resourceJsonOf), model.diagnostics);
}
