/**
 * The emit cache: which files each resource gave last time, so a resource whose JSON, place in the
 * layout and emitter code are unchanged is not emitted again; its files are kept from the output
 * folder (hard-linked into the new one, when each still has the size written). One file per docs
 * and output folder, one line per resource (`<key> <path>:<size>,... <readme facts>`); the first
 * line names the emitter code, the outputs chosen and the output folder, so any change there empties it.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { afterSave, saveLines } from '../read/cache.ts';

export interface CachedResource {
  /** Each file's path in the output folder and its size in bytes. */
  files: Array<[path: string, size: number]>;
  /** What README.md needs of the files (packages they import): readme.ts's facts, as text. */
  facts: string;
}

export class EmitCache {
  /** key → `<files> <facts>` as stored. */
  private readonly entries = new Map<string, string>();
  private readonly used = new Map<string, string>();
  private dirty = false;
  /** Lines of the file that hold no entry (see saveLines). */
  private dead = 0;

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
    // Lines are in the order they were written: a file named again belongs to the later line only,
    // so an earlier resource that wrote it (an older version of a page) is no longer in the folder.
    const owner = new Map<string, string>();
    let count = 0;
    for (let k = 1; k < lines.length; k++) {
      const sp = lines[k].indexOf(' ');
      if (sp <= 0) continue;
      count++;
      const key = lines[k].slice(0, sp);
      const rest = lines[k].slice(sp + 1);
      for (const [path] of filesOf(rest)) {
        const before = owner.get(path);
        if (before !== undefined && before !== key) this.entries.delete(before);
        owner.set(path, key);
      }
      if (key === RELEASED) continue;
      this.entries.delete(key);
      this.entries.set(key, rest);
    }
    this.dead = count - this.entries.size;
  }

  get(key: string): CachedResource | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    const sp = hit.indexOf(' ');
    const files = filesOf(hit);
    if (files.length === 0 || files.some(([p, size]) => !p || !Number.isInteger(size))) return undefined; // a damaged line is a miss
    if (sp < 0) return undefined;
    const facts = hit.slice(sp + 1);
    return facts.includes(' ') ? undefined : { files, facts };
  }

  /** Marks an entry used by this run (kept on save). */
  use(key: string): void {
    const hit = this.entries.get(key);
    if (hit !== undefined) this.used.set(key, hit);
  }

  set(key: string, value: CachedResource): void {
    this.used.set(key, `${value.files.map(([p, size]) => `${p}:${size}`).join(',')} ${value.facts}`);
    this.dirty = true;
  }

  /** Keeps only this run's resources. Can be called again after more set/forget (generate --watch). */
  save(): void {
    if (!this.file) return;
    const how = saveLines(this.file, this.header, this.entries, this.used, this.dirty, this.dead);
    afterSave(how, this.entries, this.used);
    if (how.kind === 'rewritten') this.dead = 0;
    this.dirty = false;
  }

  /**
   * Before files are rewritten in place (--watch): the file says at once that no entry holds these
   * paths any more, as a later line naming a path does (see the constructor). A process killed
   * while rewriting them leaves no entry that would keep a half-updated file of the same size.
   */
  release(paths: readonly string[]): void {
    if (!this.file || paths.length === 0) return;
    const released = new Set(paths);
    for (const [key, text] of this.entries) {
      if (filesOf(text).some(([p]) => released.has(p))) {
        this.entries.delete(key);
        if (this.used.delete(key)) this.dirty = true;
        this.dead++;
      }
    }
    appendFileSync(this.file, `${RELEASED} ${paths.map((p) => `${p}:-1`).join(',')} - \n`);
    this.dead++;
  }
}

/** The key of a line that only releases paths: no resource's key (those are hex). */
const RELEASED = '~';

/** `<path>:<size>,...` (paths of the layout hold no `:`, `,` or space). */
function filesOf(rest: string): Array<[string, number]> {
  const sp = rest.indexOf(' ');
  const spec = sp < 0 ? rest : rest.slice(0, sp);
  return spec.split(',').map((f) => {
    const colon = f.lastIndexOf(':');
    return [f.slice(0, colon), Number(f.slice(colon + 1))];
  });
}
