/**
 * The Permissions section (registry aws and awscc pages): per operation, the IAM actions it needs,
 * one code block each, named by its `<TabItem>` (the tab's label) or by the `###` heading above it
 * (operation '' when neither names it: the permissions of the resource as a whole).
 * The blocks are labelled `json` but hold a comma-separated list; a real JSON array of strings is
 * read too. A section that only points to another page (prose) has nothing to read.
 */
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import { warn } from '../parse/diagnostics.ts';
import type { Code, Heading, Section, Tabs } from '../parse/tree.ts';
import type { Permission } from '../core/model.ts';
import { tabOf } from './columns.ts';
import { markRead, markReported } from './coverage.ts';

/** `service:Action`, wildcards allowed; a lone `*` is every action. */
const ACTION = /^(\*|[\w*.-]+:[\w*.-]+)$/;

export function readPermissions(section: Section, file: VFile): Permission[] {
  const out: Permission[] = [];
  const labels = new Map<string, string>();
  let heading: string | undefined;
  visitParents(section, (node, ancestors) => {
    if (node.type === 'table') return 'skip';
    if (node.type === 'tabs') for (const v of (node as Tabs).values) labels.set(v.value, v.label);
    if (node.type === 'heading') heading = (node as Heading).title;
    if (node.type !== 'code') return undefined;
    const code = node as Code;
    const tab = tabOf(ancestors);
    const operation = tab !== undefined ? labels.get(tab) ?? tab : heading ?? '';
    const actions = actionsOf(code.value);
    if (actions === undefined) {
      warn(file, 'permissions/unreadable-block', `the ${operation || 'untitled'} permissions block is not a list of service:Action names; not read`, code);
      markReported(file, code);
      return undefined;
    }
    markRead(file, code);
    out.push({ operation, actions, line: code.valueLine });
    return undefined;
  });
  return out;
}

/** The actions of a block, or undefined when it holds something else. */
function actionsOf(text: string): string[] | undefined {
  let items: unknown[];
  try {
    const parsed: unknown = JSON.parse(text);
    items = Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    items = text.split(/[,\n]/);
  }
  const actions = items.map((a) => (typeof a === 'string' ? a.trim().replace(/^["']|["']$/g, '') : '')).filter((a) => a !== '');
  return actions.every((a) => ACTION.test(a)) ? actions : undefined;
}
