/**
 * The Overview section: the resource's identity (Id row), kind (Type row), name and description.
 * Identity comes from the Id row only: front matter is unreliable across the corpus. The Id names
 * files and folders downstream, so each part must be a plain name.
 */
import type { VFile } from 'vfile';
import { error, warn } from '../parse/diagnostics.ts';
import { cellCode, inlineToText } from '../parse/inline.ts';
import { cellText } from '../parse/rich-cell.ts';
import type { Section, TableRow } from '../parse/tree.ts';
import type { Resource } from '../core/model.ts';
import { tablesIn } from './columns.ts';
import { markRead } from './coverage.ts';

/** A service or provider index page has an Overview too, typed Service or Provider. */
export interface IndexOverview {
  indexOf: 'service' | 'provider';
  badId?: undefined;
}

/** The resource's identity as the Overview states it, and the line of its Id row. */
export interface Overview extends Pick<Resource, 'id' | 'provider' | 'service' | 'name' | 'kind' | 'title' | 'description'> {
  indexOf?: undefined;
  badId?: undefined;
  line: number;
}

/** What an Overview with an Id row that cannot be an id gives: the page is not read further. */
export interface BadIdOverview {
  indexOf?: undefined;
  badId: true;
}

/** A part of an id: letters, digits, `_`, `-`, `$` (the corpus uses [a-z0-9_]); no dots, slashes, controls or U+FFFD. */
const ID_PART = /^[A-Za-z0-9_$-]+$/;

/** undefined when the section has no Id row (the caller decides whether that is a resource page). */
export function readOverview(section: Section, file: VFile): Overview | IndexOverview | BadIdOverview | undefined {
  const rows = new Map<string, { raw: string; row: TableRow }>();
  for (const { table } of tablesIn(section)) {
    markRead(file, table);
    for (const row of table.children) {
      if (row.children.length < 2) continue;
      const key = inlineToText(row.children[0].value).toLowerCase();
      if (!rows.has(key)) rows.set(key, { raw: row.children[1].value, row });
    }
  }
  const idRow = rows.get('id');
  if (!idRow) return undefined;
  const typeRow = rows.get('type');
  const typeText = typeRow ? inlineToText(typeRow.raw).toLowerCase() : '';
  if (typeText === 'service' || typeText === 'provider') {
    return { indexOf: typeText };
  }
  const id = (cellCode(idRow.raw) ?? inlineToText(idRow.raw)).trim();
  const parts = id.split('.');
  const shown = JSON.stringify(id).slice(1, -1).slice(0, 120);
  if (parts.length < 3 || parts.some((p) => p === '')) {
    error(file, 'overview/bad-id', `Overview Id '${shown}' is not provider.service.resource; the page is skipped`, idRow.row);
    return { badId: true };
  }
  const badPart = parts.find((p) => !ID_PART.test(p));
  if (badPart !== undefined) {
    error(file, 'overview/bad-id', `Overview Id '${shown}' has a part that is not a plain name (letters, digits, _, -, $): '${JSON.stringify(badPart).slice(1, -1).slice(0, 60)}'; the page is skipped`, idRow.row);
    return { badId: true };
  }
  if (parts.length > 3) warn(file, 'overview/long-id', `Overview Id '${id}' has ${parts.length} parts; the resource name keeps the dots`, idRow.row);

  let kind: 'resource' | 'view' = 'resource';
  if (typeText === 'view') kind = 'view';
  else if (typeText !== 'resource') {
    warn(file, 'overview/unknown-type', typeRow ? `Overview Type '${typeText}' is neither Resource nor View; taken as Resource` : 'Overview has no Type row; taken as Resource', typeRow?.row ?? idRow.row);
  }
  const overview: Overview = {
    id,
    provider: parts[0],
    service: parts[1],
    name: parts.slice(2).join('.'),
    kind,
    line: idRow.row.position!.start.line,
  };
  const nameRow = rows.get('name');
  if (nameRow) overview.title = cellCode(nameRow.raw) ?? inlineToText(nameRow.raw);
  const descRow = rows.get('description');
  if (descRow) overview.description = cellText(descRow.raw);
  return overview;
}
