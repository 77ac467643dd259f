/**
 * `docPage`, the unified parser plugin for StackQL doc pages (as remark-parse wraps
 * mdast-util-from-markdown): page text → a unist tree of front matter, sections by heading, and
 * inside them tabs, tables, code, prose and JSX tags, every node with its start and end.
 *
 * One forward pass over the lines, linear in the page; each kind of block has its own reader
 * (code-blocks.ts, markdown-table.ts, html-table.ts, jsx-tag.ts, heading.ts). Nothing a page
 * contains is rejected: what cannot be placed becomes prose plus a VFile message.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { checkBudget } from './budget.ts';
import { readCodeBlock, readFence, readFenced } from './code-blocks.ts';
import { info, warn } from './diagnostics.ts';
import { headingTitle, readHeading } from './heading.ts';
import { parseHtmlTable } from './html-table.ts';
import { jsxTagEnd, parseJsxOpening, parseTabValues } from './jsx-tag.ts';
import { endOf, span, splitLines } from './lines.ts';
import { isTableStart, readMarkdownTable, startsWithPipe } from './markdown-table.ts';
import { checkText } from './page-text.ts';
import type { Block, Root, Section, TabItem, Tabs } from './tree.ts';

type Container = Root | Section | Tabs | TabItem;

export const docPage: Plugin<[], string, Root> = function () {
  this.parser = (document, file) => parsePage(document, file);
};

export function parsePage(input: string, file: VFile): Root {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const l = splitLines(text);
  const { lines } = l;
  checkText(text, l, file);
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(l, lines.length - 1) } };
  let i = 0;

  if (/^---\s*$/.test(lines[0])) {
    let end = 1;
    while (end < lines.length && !/^---\s*$/.test(lines[end])) end++;
    if (end === lines.length) warn(file, 'page/unclosed-frontmatter', 'front matter is never closed with ---; read as text', 1);
    else {
      root.children.push({ type: 'frontmatter', value: lines.slice(1, end).join('\n'), position: span(l, 0, end) });
      i = end + 1;
    }
  }

  const stack: Container[] = [root];
  const top = () => stack[stack.length - 1];
  const add = (node: Block) => {
    (top().children as Block[]).push(node);
  };
  // A container ends where its last child (or its closing tag) does.
  const close = (c: Container, at?: number) => {
    const last = c.children[c.children.length - 1];
    const end = at !== undefined ? endOf(l, at) : last?.position?.end;
    if (end && c.position && (end.offset ?? 0) > (c.position.end.offset ?? 0)) c.position.end = end;
  };
  const popTo = (depth: number, at?: number) => {
    while (stack.length > depth) {
      const c = stack.pop()!;
      close(c, stack.length === depth ? at : undefined);
    }
  };
  const reportOpenTags = (before: string) => {
    for (const open of stack) {
      if (open.type === 'tabs' || open.type === 'tabItem') {
        const name = open.type === 'tabs' ? 'Tabs' : 'TabItem';
        warn(file, 'page/unclosed-tag', `<${name}> opened at line ${open.position!.start.line} is not closed ${before}`, open);
      }
    }
  };

  const tagEnd = (at: number) => {
    const end = jsxTagEnd(lines, at);
    if (end !== -1) return end;
    warn(file, 'page/unclosed-tag', `the JSX tag at line ${at + 1} has no closing '>'; only its first line was read as the tag`, at + 1);
    return at;
  };

  while (i < lines.length) {
    const line = lines[i];
    const trimmed = line.trim();
    checkBudget(file, i + 1);

    if (trimmed === '') {
      i++;
      continue;
    }

    const fence = readFence(line);
    if (fence) {
      const r = readFenced(l, i, fence, file);
      add(r.code);
      i = r.end;
      continue;
    }

    const heading = readHeading(line);
    if (heading) {
      const title = headingTitle(heading.raw);
      if (heading.depth <= 2) {
        reportOpenTags(`before the heading at line ${i + 1}`);
        popTo(1);
        const section: Section = { type: 'section', depth: heading.depth, title, rawTitle: heading.raw, children: [], position: span(l, i, i) };
        root.children.push(section);
        stack.push(section);
      } else {
        add({ type: 'heading', depth: heading.depth, title, position: span(l, i, i) });
      }
      i++;
      continue;
    }

    if (/^(import|export)\s/.test(trimmed)) {
      add({ type: 'esm', value: line, position: span(l, i, i) });
      i++;
      continue;
    }

    if (trimmed.startsWith('<Tabs') && /^<Tabs\b/.test(trimmed)) {
      const end = tagEnd(i);
      const tagText = lines.slice(i, end + 1).join('\n').trim();
      const tabs: Tabs = { type: 'tabs', values: [], children: [], position: span(l, i, end) };
      try {
        const tag = parseJsxOpening(tagText, 'Tabs');
        tabs.values = parseTabValues(tag.attributes.values ?? '');
        if (tag.attributes.defaultValue) tabs.defaultValue = tag.attributes.defaultValue;
      } catch (e) {
        warn(file, 'page/bad-jsx-tag', `<Tabs> tag could not be read (${(e as Error).message}); its tab labels are unknown`, i + 1);
      }
      add(tabs);
      stack.push(tabs);
      i = end + 1;
      continue;
    }

    if (trimmed.startsWith('<TabItem') && /^<TabItem\b/.test(trimmed)) {
      const end = tagEnd(i);
      const tagText = lines.slice(i, end + 1).join('\n').trim();
      const simple = /^<TabItem\s+value=(?:"([^"]*)"|'([^']*)')\s*>$/.exec(tagText);
      let value = simple ? simple[1] ?? simple[2] : '';
      if (!simple) {
        try {
          value = parseJsxOpening(tagText, 'TabItem').attributes.value ?? '';
        } catch (e) {
          warn(file, 'page/bad-jsx-tag', `<TabItem> tag could not be read (${(e as Error).message})`, i + 1);
        }
      }
      if (top().type !== 'tabs') warn(file, 'page/stray-tab-item', '<TabItem> outside <Tabs>', i + 1);
      const item: TabItem = { type: 'tabItem', value, children: [], position: span(l, i, end) };
      add(item);
      stack.push(item);
      i = end + 1;
      continue;
    }

    if (/^<\/(TabItem|Tabs)>/.test(trimmed)) {
      // Closing tags can share a line: `</TabItem></Tabs>`.
      for (const m of trimmed.matchAll(/<\/(TabItem|Tabs)>/g)) {
        const type = m[1] === 'TabItem' ? 'tabItem' : 'tabs';
        const at = findOpen(stack, type);
        if (at === -1) warn(file, 'page/stray-closing-tag', `${m[0]} without a matching opening tag`, i + 1);
        else {
          if (at !== stack.length - 1) warn(file, 'page/unclosed-tag', `tags inside the <${m[1]}> opened at line ${stack[at].position!.start.line} are not closed`, i + 1);
          popTo(at, i);
        }
      }
      const rest = trimmed.replace(/<\/(TabItem|Tabs)>/g, '').trim();
      if (rest !== '') warn(file, 'page/text-after-closing-tag', `text after the closing tag at line ${i + 1} was not read: ${rest.slice(0, 60)}`, i + 1);
      i++;
      continue;
    }

    if (trimmed.startsWith('<CodeBlock') && /^<CodeBlock\b/.test(trimmed)) {
      const r = readCodeBlock(l, i, file);
      add(r.code);
      i = r.end;
      continue;
    }

    if (/^<table\b/i.test(trimmed)) {
      let j = i;
      while (j < lines.length && !/<\/table>/i.test(lines[j])) j++;
      if (j >= lines.length) {
        warn(file, 'table/unclosed-html-table', `<table> opened at line ${i + 1} is never closed`, i + 1);
        j = lines.length - 1;
      }
      add(parseHtmlTable(l, i, j, file));
      i = j + 1;
      continue;
    }

    if (isTableStart(lines, i)) {
      const r = readMarkdownTable(l, i, file);
      add(r.table);
      i = r.end;
      continue;
    }

    if (/^<[A-Z]/.test(trimmed)) {
      const end = tagEnd(i);
      const name = /^<([A-Za-z][\w.]*)/.exec(trimmed)![1];
      add({ type: 'jsx', name, value: lines.slice(i, end + 1).join('\n').trim(), position: span(l, i, end) });
      i = end + 1;
      continue;
    }

    // Prose: up to a blank line or the start of another block.
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== '' && !startsBlock(lines, j)) j++;
    if (startsWithPipe(line) && i + 1 < lines.length && startsWithPipe(lines[i + 1])) {
      warn(file, 'table/not-a-table', `lines ${i + 1}-${j} look like table rows but line ${i + 2} is not a delimiter row (| --- |); read as text`, i + 1);
    } else if (startsWithPipe(line) && /\|\s*$/.test(line)) {
      warn(file, 'table/not-a-table', `line ${i + 1} looks like a table row outside any table; read as text`, i + 1);
    } else if (/^<\/?(tr|td|th|thead|tbody)\b/i.test(trimmed)) {
      warn(file, 'table/not-a-table', `line ${i + 1} holds HTML table rows outside a <table> (is the <table> line missing?); read as text`, i + 1);
    }
    add({ type: 'prose', value: lines.slice(i, j).join('\n'), position: span(l, i, j - 1) });
    i = j;
  }
  reportOpenTags('by the end of the page');
  popTo(1);
  for (const s of root.children) {
    if (s.type !== 'section' || s.children.length > 0) continue;
    if (s === root.children[root.children.length - 1]) warn(file, 'page/empty-section', `section '${s.title}' is empty and ends the page (cut short?)`, s);
    else info(file, 'page/empty-section', `section '${s.title}' is empty`, s);
  }
  return root;
}

function startsBlock(lines: string[], j: number): boolean {
  const t = lines[j].trimStart();
  const c = t[0];
  if (c !== '`' && c !== '~' && c !== '#' && c !== '<' && c !== '|') return false;
  return readFence(lines[j]) !== undefined || (readHeading(lines[j]) !== undefined) || /^<\/?(Tabs|TabItem|CodeBlock|table)\b/i.test(t) || isTableStart(lines, j);
}

function findOpen(stack: Container[], type: 'tabs' | 'tabItem'): number {
  for (let k = stack.length - 1; k > 0; k--) {
    if (stack[k].type === type) return k;
    if (stack[k].type === 'section') return -1;
  }
  return -1;
}

