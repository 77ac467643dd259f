/**
 * Reads a JSON file the generated mocks ship beside their modules (`new URL('../model-index.json',
 * import.meta.url)`; model.json itself is read a service's range at a time: read-range.ts): from the file system in Node (fetch has no file: URLs there), with fetch
 * everywhere else (a browser, where a bundler has emitted the file as an asset). A JSON file is
 * parsed as data, never compiled as a module: that is what keeps a provider's model out of the
 * test runner's transform.
 */
export async function loadJson<T>(url: URL | string): Promise<T> {
  const href = String(url);
  let text: string;
  if (href.startsWith('file:') && typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
    const fs = 'node:fs/promises';
    const { readFile } = (await import(/* @vite-ignore */ fs)) as typeof import('node:fs/promises');
    text = await readFile(new URL(href), 'utf8');
  } else {
    const response = await fetch(href);
    if (!response.ok) throw new Error(`cannot load ${href}: HTTP ${response.status}`);
    text = await response.text();
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${href} is not JSON: ${(error as Error).message}`);
  }
}
