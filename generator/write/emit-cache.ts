/**
 * The emit cache: which files each resource gave last time, so a resource whose JSON, place in the
 * layout and emitter code are unchanged is not emitted again; its files are kept from the output
 * folder (hard-linked into the new one, when each still has the size written). One file per docs
 * and output folder, one line per resource (`<key> <JSON>`); the first line names the emitter code,
 * the outputs chosen and the output folder, so any change there empties it.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic.ts';

export interface CachedResource {
  /** Each file's path in the output folder and its size in bytes. */
  files: Array<[path: string, size: number]>;
  /** The resource's compact JSON for mocks/model.ts (with mocks). */
  compact?: string;
}

export class EmitCache {
  private readonly entries = new Map<string, string>();
  private readonly used = new Map<string, string>();
  private dirty = false;

  constructor(
    private readonly file: string | undefined,
    private readonly header: string,
  ) {
    if (!file) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // no cache yet
    }
    const lines = text.split('\n');
    if (lines[0] !== header) return;
    for (let k = 1; k < lines.length; k++) {
      const sp = lines[k].indexOf(' ');
      if (sp > 0) this.entries.set(lines[k].slice(0, sp), lines[k].slice(sp + 1));
    }
  }

  get(key: string): CachedResource | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    try {
      return JSON.parse(hit) as CachedResource;
    } catch {
      return undefined; // a damaged line is a miss
    }
  }

  /** Marks an entry used by this run (kept on save). */
  use(key: string): void {
    const hit = this.entries.get(key);
    if (hit !== undefined) this.used.set(key, hit);
  }

  set(key: string, value: CachedResource): void {
    this.used.set(key, JSON.stringify(value));
    this.dirty = true;
  }

  /** Keeps only this run's resources. */
  save(): void {
    if (!this.file || (!this.dirty && this.used.size === this.entries.size)) return;
    const lines = [this.header];
    for (const [key, json] of this.used) lines.push(`${key} ${json}`);
    writeFileAtomic(this.file, `${lines.join('\n')}\n`);
  }
}
