/**
 * Inline markup (markdown + the HTML/JSX the docs use) to plain text: the fast path for table
 * cells and prose.
 *
 * This runs on every table cell of every page, so it is a small hand-written scanner rather than a
 * micromark parse per cell (remark-parse runs at about 0.34 MB/s on cells). Every pass is linear in
 * the cell: brackets and backtick runs are matched from precomputed tables, and a failed tag scan
 * never restarts inside what it scanned, so hostile cells (64 KB of backticks, `[` or `**`) cost
 * what their length costs. Cells with markup outside this set (lists, reference links, quotes,
 * strike-through, comments) go to remark instead: see rich-cell.ts.
 */
import { decodeHTML } from 'entities';
import { firstCopyable, firstTicked, replaceCopyable, replaceEmphasis, replaceLinks, replaceStrong, replaceTags, withCodeSpans } from './inline-scan.ts';

/** HTML tags the docs use inside text; any other `<...>` is literal text (`Dictionary<K, V>`). */
const KNOWN_TAGS = new Set([
  'a', 'b', 'i', 'u', 'em', 'strong', 'code', 'pre', 'span', 'div', 'p', 'br', 'hr', 'sup', 'sub',
  'ul', 'ol', 'li', 'img', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'details', 'summary',
  'small', 'kbd', 'del', 's', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'copyablecode',
]);
const BLOCK_TAGS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'hr', 'blockquote']);
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const MARK = '\u0000';

/**
 * Plain text of one inline snippet: code spans and link texts kept, images (badges) dropped,
 * known tags stripped, entities decoded, whitespace collapsed.
 */
export function inlineToText(raw: string): string {
  if (raw === '') return '';
  // Code spans first: their content is literal. NUL is reserved for their placeholders.
  const spans: string[] = [];
  let s = withCodeSpans(raw.includes(MARK) ? raw.replaceAll(MARK, '\uFFFD') : raw, (body) => {
    spans.push(body.length > 2 && body.startsWith(' ') && body.endsWith(' ') ? body.slice(1, -1) : body);
    return `${MARK}${spans.length - 1}${MARK}`;
  });
  if (s.includes('<CopyableCode')) s = replaceCopyable(s);
  if (s.includes('[')) s = replaceLinks(replaceLinks(s, true), false);
  if (s.includes('<')) s = replaceTags(s, (name) => (!KNOWN_TAGS.has(name) ? undefined : BLOCK_TAGS.has(name) ? ' ' : ''));
  if (s.includes('**') || s.includes('__')) s = replaceStrong(s);
  if (s.includes('*')) s = replaceEmphasis(s);
  if (s.includes('\\')) s = s.replace(ESCAPE, '$1');
  if (s.includes('&')) s = decodeHTML(s);
  // Entities in code spans are decoded too: the docs escape `{` as &#123; for MDX's sake, not to
  // show the entity.
  if (spans.length > 0) s = s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => decodeEntities(spans[Number(i)] ?? ''));
  return s.replace(/\s+/g, ' ').trim();
}

/** `raw` with every `<...>` removed (a heading's or header cell's text). Linear. */
export function stripTags(raw: string): string {
  if (!raw.includes('<')) return raw;
  let out = '';
  let from = 0;
  for (let i = raw.indexOf('<'); i !== -1; i = raw.indexOf('<', from)) {
    const close = raw.indexOf('>', i + 1);
    if (close === -1) break;
    if (close === i + 1) {
      out += raw.slice(from, close + 1);
    } else out += raw.slice(from, i);
    from = close + 1;
  }
  return out + raw.slice(from);
}

/** The literal code of a cell: `<CopyableCode code="x" />`, `<code>x</code>` or `` `x` ``. */
export function cellCode(raw: string): string | undefined {
  const copyable = firstCopyable(raw, 0);
  if (copyable) return decodeEntities(copyable.value);
  const open = raw.indexOf('<code>');
  if (open !== -1) {
    const close = raw.indexOf('</code>', open + 6);
    if (close !== -1) return decodeEntities(raw.slice(open + 6, close));
  }
  return firstTicked(raw);
}

/**
 * Every name listed in a params cell: one `<CopyableCode code="a, b" />`, or a list of
 * `<a href="#parameter-a"><code>a</code></a>`, or backticked names. Source order kept.
 */
export function cellNames(raw: string): string[] {
  const names: string[] = [];
  for (let c = firstCopyable(raw, 0); c; c = firstCopyable(raw, c.end)) names.push(...splitNames(decodeEntities(c.value)));
  if (names.length > 0) return names;
  let k = 0;
  while (k < raw.length) {
    const code = raw.indexOf('<code>', k);
    const tick = raw.indexOf('`', k);
    if (code !== -1 && (tick === -1 || code < tick)) {
      const close = raw.indexOf('</code>', code + 6);
      if (close === -1) break;
      names.push(...splitNames(decodeEntities(raw.slice(code + 6, close))));
      k = close + 7;
    } else if (tick !== -1) {
      const close = raw.indexOf('`', tick + 1);
      if (close === -1) break;
      if (close > tick + 1) names.push(...splitNames(decodeEntities(raw.slice(tick + 1, close))));
      k = close + 1;
    } else break;
  }
  if (names.length > 0) return names;
  // Plain text such as "a, b": only when it looks like a list of names.
  const text = inlineToText(raw);
  return /^[\w$@.\-\[\]#/]+(?:\s*,\s*[\w$@.\-\[\]#/]+)*$/.test(text) ? splitNames(text) : [];
}

function splitNames(list: string): string[] {
  return list.split(',').map((n) => n.trim()).filter((n) => n !== '');
}

export function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s;
}

/** Lifecycle badge: `[![General Availability](https://img.shields.io/badge/...)](...)`. */
export function lifecycleBadge(raw: string): string | undefined {
  const at = raw.search(/\]\(https?:\/\/img\.shields\.io\/badge\/Lifecycle/i);
  if (at === -1) return undefined;
  const open = raw.lastIndexOf('![', at);
  if (open === -1 || raw.slice(open + 2, at).includes(']')) return undefined;
  const alt = raw.slice(open + 2, at).trim();
  return alt === '' ? undefined : alt;
}
