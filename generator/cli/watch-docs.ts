/**
 * Watching the docs folder for `generate --watch`. A change to a page is debounced and handed on,
 * one run at a time (a change during a run triggers one more run after it). The folder itself is
 * checked too: moved, deleted or replaced by another folder at the same path, fs.watch goes quiet
 * or errors, so its identity (device and inode) is polled and the watch ends with the reason.
 */
import { statSync, watch } from 'node:fs';

export interface WatchHandlers {
  onReady?: () => void;
  onChange: (name: string) => Promise<void>;
}

const PAGE = /\.mdx?$/i;

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
    let again: string | undefined;
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
    const run = async (name: string) => {
      if (running) {
        again = name;
        return;
      }
      running = true;
      try {
        await handlers.onChange(name);
      } finally {
        running = false;
      }
      if (again !== undefined && !ended && check()) {
        const next = again;
        again = undefined;
        await run(next);
      }
    };

    watcher.on('change', (_event, name) => {
      const file = name?.toString();
      if (!check() || !file || !PAGE.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(file), options.debounceMs ?? 150);
    });
    watcher.on('error', () => check() && end(`watching docs folder '${dir}' failed`));
    const poll = setInterval(check, options.pollMs ?? 500);
    handlers.onReady?.();
  });
}
