/**
 * YAML manifests (the "manifest" tab under INSERT examples) → a nested property tree.
 *
 * The manifests are templates first and YAML second: bare `{{ x }}` values read as mappings, and a
 * few plain values hold `: `. They are read by the `yaml` package alone (manifest/yaml-reader.ts):
 *
 *   1. quote every bare `{{ ... }}` value, outside block scalars, without changing any line
 *      (manifest/quote-templates.ts);
 *   2. parse with the failsafe schema (every scalar stays a string, exactly as written, so `1.10`
 *      stays `1.10` and `true` stays `true`);
 *   3. on a YAML error, also quote one-line plain values holding `: ` and parse again
 *      (`manifest/invalid-yaml-repaired`); on an error still, keep YAML's error-tolerant Document
 *      as far as it got (`manifest/invalid-yaml`, with YAML's message and place).
 *
 * The generic tree (manifest/tree.ts) becomes `ManifestNode`s in one converter (manifest/nodes.ts).
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
import type { ManifestTreeNode as ManifestNode } from '../core/model.ts';
import type { PageDiagnostic } from '../parse/diagnostics.ts';
import { convertRoot } from './manifest/nodes.ts';
import { readTree } from './manifest/yaml-reader.ts';

export interface ManifestResult {
  nodes: ManifestNode[];
  diagnostics: PageDiagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Reads one manifest. `text` is the manifest itself (fence or template-literal content, already
 * unescaped by the page splitter), `firstLine` the 1-based page line of its first line.
 * Never throws.
 */
export function parseManifest(text: string, firstLine: number): ManifestResult {
  const diagnostics: PageDiagnostic[] = [];
  try {
    const root = readTree(text, firstLine, diagnostics);
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
