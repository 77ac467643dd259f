/**
 * How `stackql srv` cuts a simple query (Postgres wire `Q`) into statements before running the
 * first one: at every `;` outside double quotes, where a `"` preceded by a backslash does not close
 * the quotes (psql-wire's SplitCompoundQuery). Single quotes do NOT protect a `;`: a string value
 * holding one is cut in two. The mock's Postgres front splits the same way, and the client's pg
 * transport refuses a statement that would be cut, rather than let the server run part of it.
 */

/** Every part, empty ones included, in order (`'a;;b'` → `['a', '', 'b']`). */
export function splitCompoundQuery(text: string): string[] {
  const parts: string[] = [];
  let begin = 0;
  let inDoubleQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3b /* ; */ && !inDoubleQuotes) {
      parts.push(text.slice(begin, i));
      begin = i + 1;
    } else if (c === 0x22 /* " */) {
      if (!inDoubleQuotes) inDoubleQuotes = true;
      else if (text.charCodeAt(i - 1) !== 0x5c /* \ */) inDoubleQuotes = false;
    }
  }
  parts.push(text.slice(begin));
  return parts;
}

/** The parts that hold more than white space: the first is what the server runs. */
export function statementsOf(text: string): string[] {
  return splitCompoundQuery(text).filter((part) => part.trim() !== '');
}
