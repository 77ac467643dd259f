/** The doc pages under a folder: every .md/.mdx file, sorted, so runs are deterministic. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export class UnusableInputError extends Error {}

export function listPages(docsDir: string): string[] {
  let st;
  try {
    st = statSync(docsDir);
  } catch {
    throw new UnusableInputError(`docs folder '${docsDir}' does not exist`);
  }
  if (!st.isDirectory()) throw new UnusableInputError(`'${docsDir}' is not a folder`);
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new UnusableInputError(`cannot read folder '${dir}': ${(e as Error).message}`);
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.mdx?$/i.test(e.name)) out.push(p);
    }
  };
  walk(docsDir);
  return out.sort();
}

/** A page's path as shown in diagnostics and stored in the model: relative, forward slashes. */
export function displayPath(file: string, cwd = process.cwd()): string {
  return relative(cwd, file).split(sep).join('/');
}
