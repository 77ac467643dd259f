/**
 * Reads bytes [start, end) of a file the generated mocks ship (model.json), named by a URL: in Node
 * from the file system (open, read at the position: fetch has no file: URLs there), everywhere else
 * with fetch and a `Range: bytes=start-(end-1)` header (a browser, where a bundler has emitted the
 * file as an asset). A server that ignores Range answers 200 with the whole file: the range is then
 * sliced from it, which is correct but downloads all of it; the body is kept for the next range of
 * the same file, and console.warn says so once per server.
 */
export interface ByteRange {
  bytes: Uint8Array;
  /** The whole file's size in bytes, when the answer says it (a cross-origin 206 may hide Content-Range). */
  total: number | undefined;
}

/** Reads ranges of one file; a reader keeps the whole body when a server sent it instead of a range. */
export type RangeReader = (start: number, end: number) => Promise<ByteRange>;

const warned = new Set<string>();

export function rangeReader(url: URL | string): RangeReader {
  const href = String(url);
  if (href.startsWith('file:') && typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
    return (start, end) => readFileRange(href, start, end);
  }
  let whole: Promise<Uint8Array> | undefined;
  return async (start, end) => {
    if (whole !== undefined) {
      const body = await whole;
      return { bytes: body.subarray(start, end), total: body.length };
    }
    const response = await fetch(href, { headers: { Range: `bytes=${start}-${end - 1}` } });
    if (response.status === 206) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      const range = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(response.headers.get('content-range')?.trim() ?? '');
      if (range && (Number(range[1]) !== start || Number(range[2]) !== end - 1)) {
        throw new Error(`${href} answered bytes ${range[1]}-${range[2]} when asked for bytes=${start}-${end - 1}`);
      }
      if (bytes.length !== end - start) throw new Error(`${href} answered ${bytes.length} bytes when asked for bytes=${start}-${end - 1} (${end - start} bytes)`);
      return { bytes, total: range && range[3] !== '*' ? Number(range[3]) : undefined };
    }
    if (response.status === 416) {
      // The file is shorter than the range: its size (`bytes */size`) tells the caller it changed.
      const size = /^bytes\s+\*\/(\d+)$/i.exec(response.headers.get('content-range')?.trim() ?? '');
      await response.body?.cancel();
      if (size) return { bytes: new Uint8Array(0), total: Number(size[1]) };
    }
    if (response.status !== 200) throw new Error(`cannot load ${href}: HTTP ${response.status}`);
    const origin = new URL(href, (globalThis as { location?: { href: string } }).location?.href).origin;
    if (!warned.has(origin)) {
      warned.add(origin);
      console.warn(`${origin} does not support HTTP Range requests: it answered a Range request for ${href} with the whole file (200, not 206). The mock still works, but each file is downloaded whole; serve it from a server that supports Range (most static servers and bundlers' dev servers do).`);
    }
    whole = response.arrayBuffer().then((b) => new Uint8Array(b));
    whole.catch(() => (whole = undefined));
    const body = await whole;
    return { bytes: body.subarray(start, end), total: body.length };
  };
}

async function readFileRange(href: string, start: number, end: number): Promise<ByteRange> {
  // A variable specifier: bundlers for the browser leave it alone, and this branch never runs there.
  const fs = 'node:fs/promises';
  const { open } = (await import(/* @vite-ignore */ fs)) as typeof import('node:fs/promises');
  const handle = await open(new URL(href), 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(Math.max(0, Math.min(end, size) - start));
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, start + at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return { bytes: bytes.subarray(0, at), total: size };
  } finally {
    await handle.close();
  }
}
