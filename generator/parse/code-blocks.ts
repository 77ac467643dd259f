/**
 * Code payloads, sliced out of the page untouched for the parser that fits them (the statement
 * parser, the manifest reader), never for a markdown parser: ``` / ~~~ fences and
 * `<CodeBlock language="yaml">{`...`}</CodeBlock>` template literals.
 */
import type { VFile } from 'vfile';
import { info, warn } from './diagnostics.ts';
import { readHeading } from './heading.ts';
import { span, type Lines } from './lines.ts';
import type { Code } from './tree.ts';

export interface Fence {
  indent: number;
  marker: string;
  lang: string;
}

/** A fence opening line: up to any indentation, 3+ backticks or tildes, an optional language word. */
export function readFence(line: string): Fence | undefined {
  let k = 0;
  while (line[k] === ' ' || line[k] === '\t') k++;
  const ch = line[k];
  if (ch !== '`' && ch !== '~') return undefined;
  let e = k;
  while (line[e] === ch) e++;
  if (e - k < 3) return undefined;
  const info = line.slice(e).trim();
  if (ch === '`' && info.includes('`')) return undefined;
  const lang = /^[\w+-]*/.exec(info)![0];
  return { indent: k, marker: line.slice(k, e), lang: lang.toLowerCase() };
}

/**
 * The fence opened at line `i`. It closes at a line of the same character, at least as long, and
 * indented no deeper than the opening: an indented ``` inside a manifest is content. A fence is
 * taken as left open when the page ends, or when a fence with a language opens at its indentation
 * before it closes; it then ends before the next `#`/`##` heading (or that fence), reported, so one
 * missing line does not swallow the sections after it.
 */
export function readFenced(l: Lines, i: number, fence: Fence, file: VFile): { code: Code; end: number } {
  const { lines } = l;
  let j = i + 1;
  let closed = false;
  // A fence with a language opening at this indentation means this one was left open.
  let reopened = lines.length;
  for (; j < lines.length; j++) {
    if (isClosingFence(lines[j], fence)) {
      closed = true;
      break;
    }
    const inner = readFence(lines[j]);
    if (inner && inner.lang !== '' && inner.indent <= fence.indent) {
      reopened = j;
      break;
    }
  }
  let last = j;
  if (!closed) {
    let h = i + 1;
    while (h < reopened && !((readHeading(lines[h])?.depth ?? 9) <= 2)) h++;
    if (h < reopened || reopened < lines.length) {
      warn(file, 'page/unclosed-fence', `code fence opened at line ${i + 1} is never closed; it was ended before the ${h < reopened ? 'heading' : 'next code fence'} at line ${h + 1}`, i + 1);
      j = h;
      last = h - 1;
    } else {
      warn(file, 'page/unclosed-fence', `code fence opened at line ${i + 1} is never closed; read to the end of the page`, i + 1);
      last = lines.length - 1;
    }
  }
  const code: Code = { type: 'code', lang: fence.lang, value: lines.slice(i + 1, j).join('\n'), valueLine: i + 2, source: 'fence', position: span(l, i, last) };
  return { code, end: closed ? j + 1 : j };
}

function isClosingFence(line: string, fence: Fence): boolean {
  let k = 0;
  while (line[k] === ' ' || line[k] === '\t') k++;
  if (k > fence.indent) return false;
  let e = k;
  while (line[e] === fence.marker[0]) e++;
  return e - k >= fence.marker.length && line.slice(e).trim() === '';
}

/**
 * `<CodeBlock language="yaml">{`...`}</CodeBlock>`: the template literal is taken verbatim (a
 * scan for the closing backtick, honouring `\`` escapes); remark-mdx takes minutes on long ones.
 */
export function readCodeBlock(l: Lines, i: number, file: VFile): { code: Code; end: number } {
  const { lines } = l;
  const lineNo = i + 1;
  const first = lines[i];
  const tagClose = first.indexOf('>');
  const tag = tagClose === -1 ? first : first.slice(0, tagClose + 1);
  const lang = /language=["']([^"']*)["']/.exec(tag)?.[1]?.toLowerCase() ?? '';
  const afterTag = tagClose === -1 ? '' : first.slice(tagClose + 1);
  const open = /^\s*\{`/.exec(afterTag);
  const make = (value: string, last: number): Code => ({ type: 'code', lang, value, valueLine: lineNo, source: 'codeblock', position: span(l, i, last) });
  if (open) {
    const buf: string[] = [];
    let cur = afterTag.slice(open[0].length);
    for (let j = i; j < lines.length; j++) {
      if (j > i) cur = lines[j];
      const close = closingBacktick(cur);
      if (close !== -1) {
        buf.push(cur.slice(0, close));
        if (!/^`\}\s*<\/CodeBlock>/.test(cur.slice(close))) {
          warn(file, 'page/codeblock-trailing', `text after the CodeBlock template literal at line ${j + 1} was ignored`, j + 1);
        }
        return { code: make(unescapeTemplate(buf.join('\n')), j), end: j + 1 };
      }
      buf.push(cur);
    }
    warn(file, 'page/unclosed-codeblock', `<CodeBlock> at line ${lineNo} is never closed; read to the end of the page`, lineNo);
    return { code: make(unescapeTemplate(buf.join('\n')), lines.length - 1), end: lines.length };
  }
  // Plain children: up to </CodeBlock>.
  let j = i;
  while (j < lines.length && !lines[j].includes('</CodeBlock>')) j++;
  const last = Math.min(j, lines.length - 1);
  let body = lines.slice(i, last + 1).join('\n');
  body = body.slice(body.indexOf('>') + 1);
  const closeAt = body.indexOf('</CodeBlock>');
  if (closeAt !== -1) body = body.slice(0, closeAt);
  info(file, 'page/codeblock-not-template', `<CodeBlock> at line ${lineNo} has no template literal; its text was taken as is`, lineNo);
  return { code: make(body, last), end: j + 1 };
}

function closingBacktick(s: string): number {
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '`') return k;
  }
  return -1;
}

function unescapeTemplate(s: string): string {
  return s.replace(/\\([`$\\])/g, '$1');
}
