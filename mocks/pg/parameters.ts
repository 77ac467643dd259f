/**
 * `$1`, `$2`, ... in a statement prepared over the extended protocol, replaced by the values a Bind
 * gives, each rendered as one SQL literal by the client runtime's quoting (quotes doubled,
 * backslashes escaped): a value can never change the statement. StackQL itself has no bind
 * parameters; this is what makes a client's parameterised query mean the same as its rendered one.
 * Placeholders inside strings, quoted names and comments are text, not parameters.
 */
import { quoteLiteral } from '../../generator/runtime/render.ts';

interface Placeholder {
  start: number;
  end: number;
  index: number;
}

function scan(query: string): Placeholder[] {
  const found: Placeholder[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (c === "'" || c === '"' || c === '`') {
      // A quoted run: a doubled quote stays inside; in strings a backslash escapes (StackQL's lexer).
      i++;
      while (i < query.length) {
        if (c === "'" && query[i] === '\\') i += 2;
        else if (query[i] === c && query[i + 1] === c) i += 2;
        else if (query[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === '-' && query[i + 1] === '-') {
      const end = query.indexOf('\n', i);
      i = end < 0 ? query.length : end + 1;
    } else if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end < 0 ? query.length : end + 2;
    } else if (c === '$' && /[0-9]/.test(query[i + 1] ?? '') && !/[A-Za-z0-9_]/.test(query[i - 1] ?? '')) {
      let end = i + 1;
      while (end < query.length && query.charCodeAt(end) >= 0x30 && query.charCodeAt(end) <= 0x39) end++;
      found.push({ start: i, end, index: Number(query.slice(i + 1, end)) });
      i = end;
    } else i++;
  }
  return found;
}

/** The highest `$n` the statement uses (0: none). */
export function parameterCount(query: string): number {
  return scan(query).reduce((max, p) => Math.max(max, p.index), 0);
}

/** The statement with every `$n` replaced by values[n - 1] as a literal (null as NULL). */
export function bindParameters(query: string, values: ReadonlyArray<string | null>): string {
  const placeholders = scan(query);
  if (placeholders.length === 0) return query;
  let out = '';
  let at = 0;
  for (const p of placeholders) {
    const value = values[p.index - 1];
    out += query.slice(at, p.start) + (value === null || value === undefined ? 'NULL' : quoteLiteral(value));
    at = p.end;
  }
  return out + query.slice(at);
}
