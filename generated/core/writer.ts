/**
 * Which stackql-docgen wrote a model.json (and the mocks' model-index.json beside it). model.json
 * leaves out what its reader can work out again (model-codec.ts), so it must be read with the same
 * derivation rules that wrote it. With the default `runtime: 'copy'` the reader is the copy written
 * beside it; with `runtime: 'package'` it is whatever version is installed, which may have been
 * upgraded since `generate` ran. Readers compare this stamp with their own and refuse another,
 * rather than decode a file with rules it was not written with.
 *
 * A constant, not package.json read at run time: core/ is also bundled for the browser.
 * test/core/writer.test.ts keeps it equal to package.json's version.
 */
export const PACKAGE_VERSION = '0.1.0';

/** The stamp: `stackql-docgen <version>`. */
export const WRITER = `stackql-docgen ${PACKAGE_VERSION}`;

/** Throws unless `writer` is this version's stamp; `source` names the file in the message. */
export function assertWriter(writer: unknown, source: string): void {
  if (writer === WRITER) return;
  const by = typeof writer === 'string' ? `was written by ${writer}` : 'was written by an earlier stackql-docgen (it has no "writer")';
  throw new Error(
    `${source} ${by}; this is ${WRITER}, which reads model.json with its own rules. Run \`stackql-docgen generate\` again to rewrite it.`,
  );
}
