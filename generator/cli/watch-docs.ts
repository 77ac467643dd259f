/**
 * Watching the docs folder for `generate --watch`. Changes are debounced and handed on as the set
 * of names changed (paths under the folder: pages, and folders moved in or out), one run at a
 * time (changes during a run are handed on together after it). The folder itself is
 * checked too: moved, deleted or replaced by another folder at the same path, fs.watch goes quiet
 * or errors, so its identity (device and inode) is polled and the watch ends with the reason.
 */
import { statSync, watch } from 'node:fs';

export interface WatchHandlers {
  onReady?: () => void;
  /** `names`: relative to the folder, sorted; '' when the system did not say which. */
  onChange: (names: string[]) => Promise<void>;
}

/**
 * Changes this close together are one change: an editor's save (a temporary written, renamed over
 * the page) comes in events a few ms apart, and the output of one edited page is in place in a few
 * hundred ms on a whole provider, so waiting longer would be most of the time a change takes.
 */
const DEBOUNCE_MS = 50;

/** Resolves with why the watch ended (the folder is gone or replaced); never rejects. */
export function watchDocs(dir: string, handlers: WatchHandlers, options: { debounceMs?: number; pollMs?: number } = {}): Promise<string> {
  const identity = (): string | undefined => {
    try {
      const st = statSync(dir);
      return st.isDirectory() ? `${st.dev}:${st.ino}` : undefined;
    } catch {
      return undefined;
    }
  };
  const original = identity();
  return new Promise((resolveGone) => {
    if (original === undefined) {
      resolveGone(`docs folder '${dir}' is not there`);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    /** Names changed since the last run started. */
    let pending = new Set<string>();
    let ended = false;
    const watcher = watch(dir, { recursive: true });

    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      clearInterval(poll);
      watcher.close();
      resolveGone(reason);
    };
    const check = (): boolean => {
      const now = identity();
      if (now === original) return true;
      end(now === undefined ? `docs folder '${dir}' was removed or moved away` : `docs folder '${dir}' was replaced by another folder`);
      return false;
    };
    const run = async () => {
      if (running || pending.size === 0 || ended || !check()) return;
      running = true;
      const names = [...pending].sort();
      pending = new Set();
      try {
        await handlers.onChange(names);
      } finally {
        running = false;
      }
      await run();
    };

    watcher.on('change', (_event, name) => {
      if (!check()) return;
      pending.add(name?.toString() ?? '');
      clearTimeout(timer);
      timer = setTimeout(() => void run(), options.debounceMs ?? DEBOUNCE_MS);
    });
    watcher.on('error', () => check() && end(`watching docs folder '${dir}' failed`));
    const poll = setInterval(check, options.pollMs ?? 500);
    handlers.onReady?.();
  });
}
