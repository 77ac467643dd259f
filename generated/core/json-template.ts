/**
 * The docs' JSON bodies are templates: `"{{ x }}"` (a whole string) or a bare `{{ x }}` where a value
 * goes. One scanner walks them so that a `{{` inside a JSON string is never taken for a bare one.
 */

/**
 * `text` with each JSON string literal (quotes included) passed through `literal` and each bare
 * `{{ name }}` replaced by `bare(name)`. An unclosed `{{` leaves the whole text as it was.
 */
export function rewriteJsonTemplate(text: string, literal: (quoted: string) => string, bare: (name: string) => string): string {
  let out = '';
  let k = 0;
  while (k < text.length) {
    const c = text[k];
    if (c === '"') {
      let end = k + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += literal(text.slice(k, end + 1));
      k = end + 1;
    } else if (c === '{' && text[k + 1] === '{') {
      const end = text.indexOf('}}', k + 2);
      if (end === -1) return text;
      out += bare(text.slice(k + 2, end).trim());
      k = end + 2;
    } else {
      out += c;
      k++;
    }
  }
  return out;
}
