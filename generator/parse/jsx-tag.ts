/**
 * Attributes of one JSX opening tag (`<Tabs values={[...]}>`, `<TabItem value="x">`,
 * `<CodeBlock language="yaml">`), read with micromark's MDX JSX syntax and mdast-util-mdx.
 *
 * Only the tag is handed to the MDX parser, never the page: remark-mdx rejects a quarter of the
 * registry pages and is super-linear on long expressions, while a tag of a few hundred bytes is
 * cheap. Acorn is left out (attribute expressions are kept as text) and results are memoised,
 * because the same tags repeat on thousands of pages (measured: 0.48 ms a tag uncached).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxJsx } from 'micromark-extension-mdx-jsx';
import { mdxFromMarkdown, type MdxJsxFlowElement } from 'mdast-util-mdx';

const options = { extensions: [mdxJsx()], mdastExtensions: [mdxFromMarkdown()] };
const cache = new Map<string, JsxTag>();
const CACHE_LIMIT = 5000;

export interface JsxTag {
  name: string;
  /** String attributes as their value; expression attributes as their source text. */
  attributes: Record<string, string>;
}

/** Throws when the text is not one JSX opening tag (the caller turns that into a diagnostic). */
export function parseJsxOpening(tagText: string, name: string): JsxTag {
  const key = `${name}\u0000${tagText}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const selfClosing = /\/>\s*$/.test(tagText);
  const source = selfClosing ? tagText : `${tagText}\n</${name}>`;
  const el = fromMarkdown(source, options).children[0] as MdxJsxFlowElement | undefined;
  if (!el || el.type !== 'mdxJsxFlowElement' || el.name !== name) {
    throw new Error(`expected one <${name}> tag`);
  }
  const attributes: Record<string, string> = {};
  for (const attr of el.attributes) {
    if (attr.type !== 'mdxJsxAttribute') continue;
    const v = attr.value;
    attributes[attr.name] = v == null ? 'true' : typeof v === 'string' ? v : v.value;
  }
  const tag = { name, attributes };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, tag);
  return tag;
}

/** The `[{ label: 'a', value: 'b' }, ...]` list of a `<Tabs values={...}>` attribute. */
export function parseTabValues(expression: string): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  for (const obj of expression.matchAll(/\{([^{}]*)\}/g)) {
    const label = stringProp(obj[1], 'label');
    const value = stringProp(obj[1], 'value');
    if (value !== undefined) out.push({ label: label ?? value, value });
  }
  return out;
}

function stringProp(body: string, key: string): string | undefined {
  const m = new RegExp(`\\b${key}\\s*:\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|"((?:[^"\\\\]|\\\\.)*)"|\`([^\`]*)\`)`).exec(body);
  return m ? (m[1] ?? m[2] ?? m[3]).replace(/\\(.)/g, '$1') : undefined;
}

/** Lines an opening tag may span: the awscc `<SchemaTable fields={[...]}>` runs to hundreds. */
const MAX_TAG_LINES = 5000;

/**
 * The index of the line that ends a JSX opening tag starting at line `i` (the `>` outside quotes
 * and braces), or -1 when it does not end within MAX_TAG_LINES lines.
 */
export function jsxTagEnd(lines: string[], i: number): number {
  let depth = 0;
  let quote = '';
  for (let j = i; j < lines.length && j < i + MAX_TAG_LINES; j++) {
    const l = lines[j];
    for (let k = 0; k < l.length; k++) {
      const ch = l[k];
      if (quote) {
        if (ch === '\\') k++;
        else if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      else if (ch === '>' && depth <= 0) return j;
    }
  }
  return -1;
}
