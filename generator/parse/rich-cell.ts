/**
 * Cell and prose text. Plain cells (code spans, links, badges, tags, entities: nearly all of them)
 * take the linear fast path in inline.ts; cells with markdown it does not understand (lists,
 * reference links, block quotes, strike-through, HTML comments) are parsed with remark-parse +
 * remark-gfm and their mdast turned into text, so a list stays a list and `[text][ref]` becomes
 * its text.
 */
import type { Nodes, Parent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { decodeEntities, inlineToText } from './inline.ts';

const cellParser = unified().use(remarkParse).use(remarkGfm).freeze();

/** Above this, a cell is read by the fast path even when it looks rich (micromark is ~0.3 MB/s). */
const MAX_RICH_CELL = 16_384;

/** True when `raw` holds markdown the fast path does not handle. Linear: no nested quantifiers. */
export function isRich(raw: string): boolean {
  if (raw.includes('][') || raw.includes('~~') || raw.includes('<!--')) return true;
  return /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]|^[ \t]{0,3}>/m.test(raw);
}

/** The plain text of a cell or a prose paragraph. */
export function cellText(raw: string): string {
  if (raw.length > MAX_RICH_CELL || !isRich(raw)) return inlineToText(raw);
  const parts: string[] = [];
  collect(cellParser.parse(raw), parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'table', 'tableRow', 'code', 'thematicBreak']);
const BREAKING_TAG = /^<\/?(br|p|div|li|ul|ol|tr|hr|blockquote)\b/i;

function collect(node: Nodes, out: string[]): void {
  switch (node.type) {
    case 'text':
      out.push(node.value);
      return;
    case 'inlineCode':
      out.push(decodeEntities(node.value));
      return;
    case 'code':
      out.push(` ${node.value} `);
      return;
    case 'html': {
      // Comments are notes to the doc's authors; other tags go through the fast path's rules.
      if (node.value.startsWith('<!--')) return;
      const text = inlineToText(node.value);
      out.push(text === '' && BREAKING_TAG.test(node.value) ? ' ' : text);
      return;
    }
    case 'definition':
      out.push(` [${node.label ?? node.identifier}]: ${node.url} `);
      return;
    case 'image':
    case 'imageReference':
      return;
    case 'break':
      out.push(' ');
      return;
    case 'list':
      node.children.forEach((item, k) => {
        out.push(node.ordered ? ` ${(node.start ?? 1) + k}. ` : ' - ');
        for (const child of item.children) collect(child, out);
      });
      out.push(' ');
      return;
    case 'tableCell':
      out.push(' | ');
      break;
    default:
      break;
  }
  if ('children' in node) for (const child of (node as Parent).children) collect(child as Nodes, out);
  if (BLOCKS.has(node.type)) out.push(' ');
}
