/**
 * YAML manifests (the "manifest" tab under INSERT examples) → a nested property tree.
 *
 * The manifests are templates first and YAML second: bare `{{ x }}` values make hundreds of them
 * invalid YAML, and a few have broken indentation or plain scalars holding `: `. So:
 *
 *   1. quote every bare `{{ ... }}` value (one that starts a value and is not already quoted),
 *      outside block scalars, without changing any line;
 *   2. parse with the `yaml` package (failsafe schema: every scalar stays a string, exactly as
 *      written, so `1.10` stays `1.10` and `true` stays `true`);
 *   3. when YAML still reports an error, read the original text again with a small tolerant
 *      indentation reader that builds the same generic tree, and say so in one
 *      `manifest/invalid-yaml-repaired` warning; a line that reader cannot place becomes a
 *      `manifest/line-skipped` warning.
 *
 * Both readers produce the same generic tree (`YNode`), which one converter turns into
 * `ManifestNode`s, so the two paths give identical output for the same content.
 *
 * Normal forms of the output (see `ManifestNode` in core/model.ts):
 * - `name`: the entry's `name:` (shape `- name: x` with `value`/`props`), or the mapping key
 *   (data mappings: the nested `value:` mappings of the microsite, the stack-file values, a
 *   manifest that is just a mapping), or `[i]` for the i-th item of a sequence (arrays).
 * - `value`: the scalar's text without its quotes and with YAML escapes decoded: `string`,
 *   `boolean`, `{{ email }}` (from `{{ email }}`, `"{{ email }}"` or `'{{ email }}'` alike: the
 *   bare/quoted distinction is not kept), `'us-east-1'` → `us-east-1`, `null` → `null`.
 *   An empty flow collection is kept as written: `[]`, `{}`. A key with nothing after it has
 *   no `value`. A non-empty mapping or sequence value becomes `props` (mapping keys as names,
 *   sequence items as `[0]`, `[1]`, ...; in entry position, `- name: x` items are named `x`).
 * - `description`: the text; block scalars (`|`, `>`) lose their trailing line breaks.
 * - `validValues`: the items of `valid_values` (flow `['A', 'B']` or block list) as strings;
 *   a scalar `valid_values` gives a one-item list.
 * - `default`: the scalar text.
 * - `props`: an entry's `props:` entries followed by the children of a non-scalar `value:`;
 *   `props: []` gives `props: []`.
 * - `line`: 1-based line in the page: for an entry, the line of its first key (the `- name:`
 *   line); for a mapping key, the key's line; for a sequence item, the item's first line.
 *
 * Stack files (a mapping with a `resources:` list and `version`, `providers` or `globals`) give the
 * `resources` entries as the nodes (each with its `props`); the stack-level keys are named in one
 * `manifest/stack-file` info.
 */
import type { ManifestNode } from '../core/model.ts';
import type { PageDiagnostic } from '../parse/diagnostics.ts';
import { readByIndentation } from './manifest/indentation-reader.ts';
import { convertRoot } from './manifest/nodes.ts';
import { readTree } from './manifest/yaml-reader.ts';

export interface ManifestResult {
  nodes: ManifestNode[];
  diagnostics: PageDiagnostic[];
}

export interface ParseManifestOptions {
  /**
   * 'auto' (default): YAML first, the indentation reader when YAML fails. 'indentation': the
   * indentation reader only, without the repaired warning (for tests and comparisons).
   */
  reader?: 'auto' | 'indentation';
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Reads one manifest. `text` is the manifest itself (fence or template-literal content, already
 * unescaped by the page splitter), `firstLine` the 1-based page line of its first line.
 * Never throws.
 */
export function parseManifest(text: string, firstLine: number, options: ParseManifestOptions = {}): ManifestResult {
  const diagnostics: PageDiagnostic[] = [];
  try {
    const root =
      options.reader === 'indentation'
        ? readByIndentation(text.split(/\r\n|\r|\n/), firstLine, diagnostics)
        : readTree(text, firstLine, diagnostics);
    const nodes = root ? convertRoot(root, firstLine, diagnostics) : [];
    if (!root) {
      diagnostics.push({
        severity: 'info',
        code: 'manifest/empty',
        message: 'manifest has no content (only blank lines or comments)',
        line: firstLine,
      });
    }
    return { nodes, diagnostics };
  } catch (err) {
    // Not expected; kept so that one odd manifest never stops a whole run.
    diagnostics.push({
      severity: 'error',
      code: 'manifest/internal-error',
      message: `manifest reader failed: ${err instanceof Error ? err.message : String(err)}`,
      line: firstLine,
    });
    return { nodes: [], diagnostics };
  }
}
