/**
 * The Overview section: the resource's identity (Id row), kind (Type row), name and description.
 * Identity comes from the Id row only: front matter is unreliable across the corpus.
 */
import { cellCode, inlineToText } from '../parse/inline.ts';
import type { DiagnosticSink } from '../parse/diagnostics.ts';
import type { Section } from '../parse/tree.ts';
import type { Resource } from '../core/model.ts';
import { tablesIn } from './columns.ts';

/** A service or provider index page has an Overview too, typed Service or Provider. */
export interface IndexOverview {
  indexOf: 'service' | 'provider';
}

/** The resource's identity as the Overview states it, and the line of its Id row. */
export interface Overview extends Pick<Resource, 'id' | 'provider' | 'service' | 'name' | 'kind' | 'title' | 'description'> {
  indexOf?: undefined;
  line: number;
}

/** undefined when the section has no Id row (the caller decides whether that is a resource page). */
export function readOverview(section: Section, sink: DiagnosticSink): Overview | IndexOverview | undefined {
  const rows = new Map<string, { raw: string; line: number }>();
  for (const { table } of tablesIn(section.children)) {
    for (const row of table.rows) {
      if (row.cells.length < 2) continue;
      const key = inlineToText(row.cells[0].raw).toLowerCase();
      if (!rows.has(key)) rows.set(key, { raw: row.cells[1].raw, line: row.line });
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
  if (parts.length < 3 || parts.some((p) => p === '')) {
    sink.error('overview/bad-id', `Overview Id '${id}' is not provider.service.resource`, idRow.line);
    return undefined;
  }
  if (parts.length > 3) sink.warn('overview/long-id', `Overview Id '${id}' has ${parts.length} parts; the resource name keeps the dots`, idRow.line);

  let kind: 'resource' | 'view' = 'resource';
  if (typeText === 'view') kind = 'view';
  else if (typeText !== 'resource') {
    sink.warn('overview/unknown-type', typeRow ? `Overview Type '${typeText}' is neither Resource nor View; taken as Resource` : 'Overview has no Type row; taken as Resource', typeRow?.line ?? idRow.line);
  }
  const overview: Overview = {
    id,
    provider: parts[0],
    service: parts[1],
    name: parts.slice(2).join('.'),
    kind,
    line: idRow.line,
  };
  const nameRow = rows.get('name');
  if (nameRow) overview.title = cellCode(nameRow.raw) ?? inlineToText(nameRow.raw);
  const descRow = rows.get('description');
  if (descRow) overview.description = inlineToText(descRow.raw);
  return overview;
}
