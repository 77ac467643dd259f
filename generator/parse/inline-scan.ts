/**
 * The passes of the inline fast path (inline.ts), each linear in its input: backtick runs and
 * brackets are matched from tables built in one pass, and a scan that fails resumes where it
 * stopped instead of starting again inside what it read.
 */
/** Code spans by CommonMark's rule: a backtick run closes at the next run of the same length. */
export function withCodeSpans(s: string, replace: (body: string) => string): string {
  if (!s.includes('`')) return s;
  const runs: Array<{ at: number; n: number }> = [];
  for (let k = 0; k < s.length; k++) {
    if (s[k] !== '`') continue;
    let e = k;
    while (e < s.length && s[e] === '`') e++;
    runs.push({ at: k, n: e - k });
    k = e - 1;
  }
  // For each run, the index of the next run of the same length.
  const next = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    next[r] = lastOfLength.get(runs[r].n) ?? -1;
    lastOfLength.set(runs[r].n, r);
  }
  let out = '';
  let from = 0;
  for (let r = 0; r < runs.length; r++) {
    if (runs[r].at < from) continue;
    const close = next[r];
    if (close === -1) continue;
    const body = s.slice(runs[r].at + runs[r].n, runs[close].at).replace(/\n/g, ' ');
    out += s.slice(from, runs[r].at) + replace(body);
    from = runs[close].at + runs[close].n;
    r = close;
  }
  return out + s.slice(from);
}

/**
 * The first backticked text, as the docs' datatype cells use it: an empty pair (` `` `) is an
 * empty type, and a run of several backticks with no partner still opens an empty one.
 */
export function firstTicked(s: string): string | undefined {
  const p = s.indexOf('`');
  if (p === -1) return undefined;
  let n = 0;
  while (s[p + n] === '`') n++;
  for (let m = Math.min(n, 16); m >= 1; m--) {
    const close = s.indexOf('`'.repeat(m), p + m);
    if (close !== -1) return s.slice(p + m, close).trim();
  }
  return undefined;
}

interface Copyable { value: string; start: number; end: number }

/** `<CopyableCode code="x" />` (or `'x'`, or `{"x"}`) at or after `from`. */
export function firstCopyable(s: string, from: number): Copyable | undefined {
  for (let i = s.indexOf('<CopyableCode', from); i !== -1; i = s.indexOf('<CopyableCode', i + 1)) {
    let k = i + 13;
    if (!/\s/.test(s[k] ?? '')) continue;
    while (/\s/.test(s[k] ?? '')) k++;
    if (!s.startsWith('code=', k)) continue;
    k += 5;
    let braced = false;
    if (s[k] === '{') {
      braced = true;
      k++;
    }
    const q = s[k];
    if (q !== '"' && q !== "'" && !(braced && q === '`')) continue;
    const close = braced ? indexOfAny(s, '"\'`', k + 1) : s.indexOf(q, k + 1);
    if (close === -1) return undefined; // no quote closes anywhere after: no later tag can either
    const value = s.slice(k + 1, close);
    k = close + 1;
    if (braced) {
      if (s[k] !== '}') continue;
      k++;
    }
    while (/\s/.test(s[k] ?? '')) k++;
    if (s[k] === '/') k++;
    if (s[k] !== '>') continue;
    return { value, start: i, end: k + 1 };
  }
  return undefined;
}

function indexOfAny(s: string, chars: string, from: number): number {
  for (let k = from; k < s.length; k++) if (chars.includes(s[k])) return k;
  return -1;
}

export function replaceCopyable(s: string): string {
  let out = '';
  let from = 0;
  for (let c = firstCopyable(s, 0); c; c = firstCopyable(s, c.end)) {
    out += s.slice(from, c.start) + c.value;
    from = c.end;
  }
  return out + s.slice(from);
}

/**
 * `![alt](url)` removed (images: pass true), or `[text](url)` replaced by its text. Brackets are
 * matched once for the whole string; a destination may hold one level of parentheses.
 */
export function replaceLinks(s: string, images: boolean): string {
  const closeOf = matchPairs(s, '[', ']');
  const parenOf = matchPairs(s, '(', ')');
  let out = '';
  let from = 0;
  for (let i = s.indexOf('['); i !== -1 && i < s.length; i = s.indexOf('[', i + 1)) {
    if (i < from) continue;
    const isImage = i > 0 && s[i - 1] === '!';
    if (isImage !== images) continue;
    const j = closeOf.get(i);
    if (j === undefined || s[j + 1] !== '(') continue;
    const k = parenOf.get(j + 1);
    if (k === undefined || !isDestination(s.slice(j + 2, k))) continue;
    out += s.slice(from, images ? i - 1 : i) + (images ? '' : s.slice(i + 1, j));
    from = k + 1;
    i = k;
  }
  return out + s.slice(from);
}

/** A link destination: no spaces (but an optional "title"), parentheses at most one level deep. */
function isDestination(d: string): boolean {
  if (!/^\S*(?:\s+"[^"]*")?$/.test(d)) return false;
  let depth = 0;
  for (let k = 0; k < d.length; k++) {
    if (d[k] === '(' && ++depth > 1) return false;
    if (d[k] === ')') depth--;
  }
  return true;
}

/** Positions of matching open/close characters, by one pass with a stack. */
function matchPairs(s: string, open: string, close: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') k++;
    else if (c === open) stack.push(k);
    else if (c === close && stack.length > 0) pairs.set(stack.pop()!, k);
  }
  return pairs;
}

/**
 * Tags `<name ...>` / `</name>` replaced by what `decide` says (undefined keeps the tag as text).
 * Attribute values may hold `>` inside quotes; a scan that fails resumes where it stopped.
 */
export function replaceTags(s: string, decide: (lowerName: string) => string | undefined): string {
  let out = '';
  let from = 0;
  let i = s.indexOf('<');
  while (i !== -1) {
    const end = tagEnd(s, i);
    if (end > 0) {
      const name = tagName(s, i);
      const replacement = decide(name.toLowerCase());
      if (replacement !== undefined) {
        out += s.slice(from, i) + replacement;
        from = end;
      }
      i = s.indexOf('<', end);
    } else i = s.indexOf('<', Math.max(i + 1, -end));
  }
  return out + s.slice(from);
}

function tagName(s: string, i: number): string {
  let k = s[i + 1] === '/' ? i + 2 : i + 1;
  const start = k;
  while (k < s.length && /[A-Za-z0-9]/.test(s[k])) k++;
  return s.slice(start, k);
}

/** The offset after the tag starting at `i`, or minus the offset where the scan gave up. */
function tagEnd(s: string, i: number): number {
  let k = s[i + 1] === '/' ? i + 2 : i + 1;
  if (!/[A-Za-z]/.test(s[k] ?? '')) return -(i + 1);
  while (k < s.length && /[A-Za-z0-9]/.test(s[k])) k++;
  if (k < s.length && /\w/.test(s[k])) return -(i + 1);
  for (; k < s.length; k++) {
    const c = s[k];
    if (c === '>') return k + 1;
    if (c === '<') return -k;
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, k + 1);
      if (close === -1) return -(k + 1);
      k = close;
    }
  }
  return -s.length;
}

/** `**x**` and `__x__` → x: an opener followed by a non-space, the next closer after a non-space. */
export function replaceStrong(s: string): string {
  let out = '';
  let from = 0;
  for (const d of ['**', '__']) {
    out = '';
    from = 0;
    let exhausted = false;
    for (let i = s.indexOf(d); i !== -1 && !exhausted; i = s.indexOf(d, i + 1)) {
      if (i < from || i + 2 >= s.length || /\s/.test(s[i + 2])) continue;
      let j = s.indexOf(d, i + 3);
      while (j !== -1 && /\s/.test(s[j - 1])) j = s.indexOf(d, j + 1);
      // No closer from here means none from any later opener either.
      if (j === -1) {
        exhausted = true;
        break;
      }
      out += s.slice(from, i) + s.slice(i + 2, j);
      from = j + 2;
      i = j + 1;
    }
    s = out + s.slice(from);
  }
  return s;
}

/** `*x*` → x, when the star is not inside a word and the text holds no other star. */
export function replaceEmphasis(s: string): string {
  let out = '';
  let from = 0;
  for (let i = s.indexOf('*'); i !== -1; i = s.indexOf('*', i + 1)) {
    if (i < from) continue;
    if (i > 0 && /[\w*]/.test(s[i - 1])) continue;
    if (i + 1 >= s.length || /\s/.test(s[i + 1])) continue;
    const j = s.indexOf('*', i + 1);
    if (j === -1) break;
    if (j === i + 1) continue;
    if (/\s/.test(s[j - 1]) || (j + 1 < s.length && /[\w*]/.test(s[j + 1]))) continue;
    out += s.slice(from, i) + s.slice(i + 1, j);
    from = j + 1;
    i = j;
  }
  return out + s.slice(from);
}
