/**
 * The package's own folder: the nearest folder above a module holding a package.json. From source
 * that is the project root; from the compiled package (dist/ has no package.json) the installed
 * package's root, which ships package.json and the runtimes' `.ts` sources beside dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from = fileURLToPath(new URL('.', import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
