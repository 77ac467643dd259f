/**
 * Inline markup (markdown + the HTML/JSX the docs use) to plain text.
 *
 * This runs on every table cell of every page, so it is a small hand-written scanner rather than a
 * micromark parse per cell: measured on the registry docs, remark-parse runs at about 0.34 MB/s on
 * table cells, which alone would take the whole corpus past a minute. The docs' inline markup is
 * machine-made and narrow (code spans, links, badges, a few HTML tags, entities), and
 * `needsFullParse` sends anything outside that set to remark (see plain-text.ts).
 */
import { decodeHTML } from 'entities';

/** HTML tags the docs use inside text; any other `<...>` is literal text (`Dictionary<K, V>`). */
const KNOWN_TAGS = new Set([
  'a', 'b', 'i', 'u', 'em', 'strong', 'code', 'pre', 'span', 'div', 'p', 'br', 'hr', 'sup', 'sub',
  'ul', 'ol', 'li', 'img', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'details', 'summary',
  'small', 'kbd', 'del', 's', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'copyablecode',
]);
const BLOCK_TAGS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'hr', 'blockquote']);

const COPYABLE = /<CopyableCode\s+code=(?:"([^"]*)"|'([^']*)'|\{["'`]([^"'`]*)["'`]\})\s*\/?>/g;
const TAG = /<\/?([A-Za-z][A-Za-z0-9]*)\b(?:[^<>"']|"[^"]*"|'[^']*')*\/?>/g;
const IMAGE = /!\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^()\s]*(?:\([^()]*\))?[^()\s]*)(?:\s+"[^"]*")?\)/g;
const LINK = /\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^()\s]*(?:\([^()]*\)[^()\s]*)*)(?:\s+"[^"]*")?\)/g;
const CODE_SPAN = /(`+)([\s\S]*?[^`])\1(?!`)/g;
const STRONG = /(\*\*|__)(?=\S)([\s\S]*?\S)\1/g;
const EM = /(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** Characters that mean the markup may be richer than the fast path understands. */
const RICH = /\[[^\]]*\]\[|^\s{0,3}(?:[-*+]|\d+[.)])\s|^\s{0,3}>|~~|<!--/m;

/** True when `raw` contains markdown the fast converter does not handle (lists, reference links…). */
export function needsFullParse(raw: string): boolean {
  return RICH.test(raw);
}

/**
 * Plain text of one inline snippet: code spans and link texts kept, images (badges) dropped,
 * known tags stripped, entities decoded, whitespace collapsed.
 */
export function inlineToText(raw: string): string {
  if (raw === '') return '';
  // Code spans first: their content is literal, so protect it from the other rules.
  const spans: string[] = [];
  let s = raw.replace(CODE_SPAN, (_m, _ticks: string, body: string) => {
    spans.push(body.replace(/^ (.*) $/s, '$1'));
    return `\u0000${spans.length - 1}\u0000`;
  });
  s = s.replace(COPYABLE, (_m, a?: string, b?: string, c?: string) => a ?? b ?? c ?? '');
  s = s.replace(IMAGE, '');
  s = s.replace(LINK, (_m, text: string) => text);
  s = s.replace(TAG, (m, name: string) => {
    const lower = name.toLowerCase();
    if (!KNOWN_TAGS.has(lower)) return m;
    return BLOCK_TAGS.has(lower) ? ' ' : '';
  });
  s = s.replace(STRONG, '$2').replace(EM, '$1$2');
  s = s.replace(ESCAPE, '$1');
  if (s.includes('&')) s = decodeHTML(s);
  // Entities in code spans are decoded too: the docs escape `{` as &#123; for MDX's sake, not to
  // show the entity.
  s = s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => decodeEntities(spans[Number(i)]));
  return s.replace(/\s+/g, ' ').trim();
}

/** The literal code of a cell: `<CopyableCode code="x" />`, `<code>x</code>` or `` `x` ``. */
export function cellCode(raw: string): string | undefined {
  COPYABLE.lastIndex = 0;
  const c = COPYABLE.exec(raw);
  if (c) return decodeEntities(c[1] ?? c[2] ?? c[3] ?? '');
  const code = /<code>([\s\S]*?)<\/code>/.exec(raw);
  if (code) return decodeEntities(code[1]);
  const tick = /(`+)([\s\S]*?)\1/.exec(raw);
  if (tick) return tick[2].trim();
  return undefined;
}

/**
 * Every name listed in a params cell: one `<CopyableCode code="a, b" />`, or a list of
 * `<a href="#parameter-a"><code>a</code></a>`, or backticked names. Source order kept.
 */
export function cellNames(raw: string): string[] {
  const names: string[] = [];
  COPYABLE.lastIndex = 0;
  for (let m = COPYABLE.exec(raw); m; m = COPYABLE.exec(raw)) {
    names.push(...splitNames(decodeEntities(m[1] ?? m[2] ?? m[3] ?? '')));
  }
  if (names.length > 0) return names;
  for (const m of raw.matchAll(/<code>([\s\S]*?)<\/code>|`([^`]+)`/g)) {
    names.push(...splitNames(decodeEntities(m[1] ?? m[2])));
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
  const m = /!\[([^\]]+)\]\(https?:\/\/img\.shields\.io\/badge\/Lifecycle[^)]*\)/i.exec(raw);
  return m ? m[1].trim() : undefined;
}
