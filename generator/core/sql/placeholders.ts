/**
 * Jinja placeholders as the docs write them: `{{ name }}`, `{{name}}`, `{{ name | filter }}`, and
 * the empty `{{  }}` some generated pages contain. Only `{{ ... }}` expressions are understood;
 * the docs' SQL examples contain no `{% ... %}` blocks.
 */
import type { Literal } from './ast.ts';

export interface PlaceholderParts {
  name: string;
  filters: string[];
}

/** Splits the text between `{{` and `}}` into the variable and its filters. */
export function splitPlaceholder(inner: string): PlaceholderParts {
  // `||` never occurs in a placeholder the docs write, so a plain split on `|` is enough.
  const [name, ...filters] = inner.split('|').map((part) => part.trim());
  return { name: name ?? '', filters: filters.filter((f) => f !== '') };
}

const PLACEHOLDER = /\{\{(.*?)\}\}/gs;

/**
 * The literal for a quoted string, seeing through to placeholders when templates are on.
 * `raw` is the string as written (quotes and doubled quotes included), `value` its content.
 */
export function stringLiteral(value: string, raw: string, templates: boolean): Literal {
  if (!templates || !value.includes('{{')) return { type: 'string', value };
  const matches = [...value.matchAll(PLACEHOLDER)];
  if (matches.length === 0) return { type: 'string', value };
  const only = matches[0]!;
  if (matches.length === 1 && only[0].length === value.length) {
    const { name, filters } = splitPlaceholder(only[1]!);
    return { type: 'placeholder', name, quoted: true, filters, raw };
  }
  // Each distinct input once, in order of first use: a JSON body may repeat a variable.
  const placeholders = [...new Set(matches.map((m) => splitPlaceholder(m[1]!).name))];
  return { type: 'template', value, placeholders };
}
