/**
 * A doc page into its tree: front matter, sections by `##` heading, and inside them tabs, tables,
 * code and prose, each with its line.
 *
 * A single forward pass over the lines. Code payloads (``` fences and `<CodeBlock>` template
 * literals) are sliced out untouched and handed later to the parser that fits them (the statement
 * parser, the manifest reader), never to a markdown parser: that is what makes a 398 KB manifest
 * page cost milliseconds instead of minutes. Nothing a page contains is rejected: what cannot be
 * placed becomes prose plus a diagnostic.
 */
import { DiagnosticSink } from './diagnostics.ts';
import { parseHtmlTable } from './html-table.ts';
import { parseJsxOpening, parseTabValues } from './jsx-tag.ts';
import { isTableStart, readMarkdownTable } from './markdown-table.ts';
import type { Block, Page, Section, TabItem, Tabs } from './tree.ts';

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

type Container = { kind: 'root' | 'section' | 'tabs' | 'tabItem'; children: Block[]; line: number };

export function splitPage(input: string): Page {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = text.split(/\r?\n/);
  const sink = new DiagnosticSink();
  const page: Page = { intro: [], sections: [], diagnostics: sink.list, lineCount: lines.length };
  let i = 0;

  if (/^---\s*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, k) => k > 0 && /^---\s*$/.test(l));
    if (end === -1) sink.warn('page/unclosed-frontmatter', 'front matter is never closed with ---; read as text', 1);
    else {
      page.frontmatter = { raw: lines.slice(1, end).join('\n'), line: 2 };
      i = end + 1;
    }
  }

  const stack: Container[] = [{ kind: 'root', children: page.intro, line: 1 }];
  const top = () => stack[stack.length - 1];
  const reportOpenTags = (before: string) => {
    for (const open of stack) {
      if (open.kind === 'tabs' || open.kind === 'tabItem') {
        const name = open.kind === 'tabs' ? 'Tabs' : 'TabItem';
        sink.warn('page/unclosed-tag', `<${name}> opened at line ${open.line} is not closed ${before}`, open.line);
      }
    }
  };

  while (i < lines.length) {
    const line = lines[i];
    const trimmed = line.trim();
    const lineNo = i + 1;

    if (trimmed === '') {
      i++;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[2];
      const close = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      let j = i + 1;
      while (j < lines.length && !close.test(lines[j])) j++;
      if (j >= lines.length) sink.warn('page/unclosed-fence', `code fence opened at line ${lineNo} is never closed; read to the end of the page`, lineNo);
      top().children.push({ type: 'code', lang: fence[3].toLowerCase(), value: lines.slice(i + 1, j).join('\n'), line: lineNo + 1, source: 'fence' });
      i = j + 1;
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading && !line.startsWith(' ')) {
      const depth = heading[1].length;
      const title = headingText(heading[2]);
      if (depth <= 2) {
        reportOpenTags(`before the heading at line ${lineNo}`);
        stack.length = 1;
        const section: Section = { type: 'section', title, rawTitle: heading[2], line: lineNo, children: [] };
        page.sections.push(section);
        stack.push({ kind: 'section', children: section.children, line: lineNo });
      } else {
        top().children.push({ type: 'heading', depth, title, line: lineNo });
      }
      i++;
      continue;
    }

    if (/^import\s.+from\s/.test(trimmed) || /^export\s/.test(trimmed)) {
      i++;
      continue;
    }

    if (/^<Tabs\b/.test(trimmed)) {
      const end = tagEnd(lines, i);
      const tagText = lines.slice(i, end + 1).join('\n').trim();
      const tabs: Tabs = { type: 'tabs', values: [], children: [], line: lineNo };
      try {
        const tag = parseJsxOpening(tagText, 'Tabs');
        tabs.values = parseTabValues(tag.attributes.values ?? '');
        if (tag.attributes.defaultValue) tabs.defaultValue = tag.attributes.defaultValue;
      } catch (e) {
        sink.warn('page/bad-jsx-tag', `<Tabs> tag could not be read (${(e as Error).message}); its tab labels are unknown`, lineNo);
      }
      top().children.push(tabs);
      stack.push({ kind: 'tabs', children: tabs.children, line: lineNo });
      i = end + 1;
      continue;
    }

    if (/^<TabItem\b/.test(trimmed)) {
      const end = tagEnd(lines, i);
      const tagText = lines.slice(i, end + 1).join('\n').trim();
      const simple = /^<TabItem\s+value=(?:"([^"]*)"|'([^']*)')\s*>$/.exec(tagText);
      let value = simple ? simple[1] ?? simple[2] : '';
      if (!simple) {
        try {
          value = parseJsxOpening(tagText, 'TabItem').attributes.value ?? '';
        } catch (e) {
          sink.warn('page/bad-jsx-tag', `<TabItem> tag could not be read (${(e as Error).message})`, lineNo);
        }
      }
      if (top().kind !== 'tabs') sink.warn('page/stray-tab-item', '<TabItem> outside <Tabs>', lineNo);
      const item: TabItem = { type: 'tabItem', value, children: [], line: lineNo };
      top().children.push(item);
      stack.push({ kind: 'tabItem', children: item.children, line: lineNo });
      i = end + 1;
      continue;
    }

    if (/^<\/(TabItem|Tabs)>/.test(trimmed)) {
      // Closing tags can share a line: `</TabItem></Tabs>`.
      for (const m of trimmed.matchAll(/<\/(TabItem|Tabs)>/g)) {
        const kind = m[1] === 'TabItem' ? 'tabItem' : 'tabs';
        const at = findOpen(stack, kind);
        if (at === -1) sink.warn('page/stray-closing-tag', `${m[0]} without a matching opening tag`, lineNo);
        else {
          if (at !== stack.length - 1) sink.warn('page/unclosed-tag', `tags inside the <${m[1]}> opened at line ${stack[at].line} are not closed`, lineNo);
          stack.length = at;
        }
      }
      i++;
      continue;
    }

    if (/^<CodeBlock\b/.test(trimmed)) {
      const r = readCodeBlock(lines, i, sink);
      top().children.push(r.code);
      i = r.end;
      continue;
    }

    if (/^<table\b/i.test(trimmed)) {
      let j = i;
      while (j < lines.length && !/<\/table>/i.test(lines[j])) j++;
      if (j >= lines.length) {
        sink.warn('table/unclosed-html-table', `<table> opened at line ${lineNo} is never closed`, lineNo);
        j = lines.length - 1;
      }
      top().children.push(parseHtmlTable(lines.slice(i, j + 1).join('\n'), lineNo));
      i = j + 1;
      continue;
    }

    if (isTableStart(lines, i)) {
      const r = readMarkdownTable(lines, i, sink);
      top().children.push(r.table);
      i = r.end;
      continue;
    }

    // Prose: up to a blank line or the start of another block.
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== '' && !startsBlock(lines, j)) j++;
    top().children.push({ type: 'prose', raw: lines.slice(i, j).join('\n'), line: lineNo });
    i = j;
  }
  reportOpenTags('by the end of the page');
  return page;
}

function startsBlock(lines: string[], j: number): boolean {
  const t = lines[j].trimStart();
  return FENCE.test(lines[j]) || /^#{1,6}\s/.test(t) || /^<\/?(Tabs|TabItem|CodeBlock|table)\b/i.test(t) || isTableStart(lines, j);
}

/** The index of the line that ends a JSX opening tag starting at `i` (the `>` outside braces). */
function tagEnd(lines: string[], i: number): number {
  let depth = 0;
  let quote = '';
  for (let j = i; j < lines.length && j < i + 200; j++) {
    const l = lines[j];
    for (let k = 0; k < l.length; k++) {
      const ch = l[k];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      else if (ch === '>' && depth <= 0) return j;
    }
  }
  return i;
}

function findOpen(stack: Container[], kind: 'tabs' | 'tabItem'): number {
  for (let k = stack.length - 1; k > 0; k--) {
    if (stack[k].kind === kind) return k;
    if (stack[k].kind === 'section') return -1;
  }
  return -1;
}

/**
 * `<CodeBlock language="yaml">{`...`}</CodeBlock>`: the template literal is taken verbatim (a
 * scan for the closing backtick, honouring `\`` escapes); remark-mdx takes minutes on long ones.
 */
function readCodeBlock(lines: string[], i: number, sink: DiagnosticSink): { code: Block; end: number } {
  const lineNo = i + 1;
  const first = lines[i];
  const open = /^(\s*<CodeBlock\b[^>]*>)\s*\{`/.exec(first);
  const lang = /language=["']([^"']*)["']/.exec(first)?.[1]?.toLowerCase() ?? '';
  if (open) {
    const rest = first.slice(open[0].length);
    const buf: string[] = [];
    let cur = rest;
    for (let j = i; j < lines.length; j++) {
      if (j > i) cur = lines[j];
      const close = closingBacktick(cur);
      if (close !== -1) {
        buf.push(cur.slice(0, close));
        if (!/^`\}\s*<\/CodeBlock>/.test(cur.slice(close))) {
          sink.warn('page/codeblock-trailing', `text after the CodeBlock template literal at line ${j + 1} was ignored`, j + 1);
        }
        return { code: { type: 'code', lang, value: unescapeTemplate(buf.join('\n')), line: lineNo, source: 'codeblock' }, end: j + 1 };
      }
      buf.push(cur);
    }
    sink.warn('page/unclosed-codeblock', `<CodeBlock> at line ${lineNo} is never closed; read to the end of the page`, lineNo);
    return { code: { type: 'code', lang, value: unescapeTemplate(buf.join('\n')), line: lineNo, source: 'codeblock' }, end: lines.length };
  }
  // Plain children: up to </CodeBlock>.
  let j = i;
  while (j < lines.length && !lines[j].includes('</CodeBlock>')) j++;
  const body = lines.slice(i, Math.min(j + 1, lines.length)).join('\n').replace(/^\s*<CodeBlock\b[^>]*>/, '').replace(/<\/CodeBlock>[\s\S]*$/, '');
  sink.info('page/codeblock-not-template', `<CodeBlock> at line ${lineNo} has no template literal; its text was taken as is`, lineNo);
  return { code: { type: 'code', lang, value: body, line: lineNo, source: 'codeblock' }, end: j + 1 };
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

function headingText(raw: string): string {
  return raw.replace(/`/g, '').replace(/<[^>]+>/g, '').replace(/\*\*/g, '').trim();
}
