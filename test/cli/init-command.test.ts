// `stackql-docgen init`: a config file that generate then reads; never a silent overwrite.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configText } from '../../generator/cli/init-command.ts';
import { checkConfig, loadConfig } from '../../generator/config/load-config.ts';
import { CLI_TEST_TIMEOUT, runCli } from '../helpers/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{}');
  return dir;
}

describe('init', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('writes stackql-docgen.config.ts, and refuses to replace it without --force', () => {
    const dir = project('ts');
    const r = runCli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('wrote stackql-docgen.config.ts');
    expect(r.out).toContain('npm install --save-dev msw@^2 vitest@^4 sql.js @types/sql.js');
    const text = readFileSync(join(dir, 'stackql-docgen.config.ts'), 'utf8');
    expect(text).toMatch(/^import \{ defineConfig \} from 'stackql-docgen';/);

    const again = runCli(['init'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.err).toContain('stackql-docgen.config.ts already there; pass --force');
    expect(runCli(['init', '--force', '--out', 'src/gen'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'stackql-docgen.config.ts'), 'utf8')).toContain('out: "src/gen"');
  });

  it('writes a JSON config that loads and passes the schema', async () => {
    const dir = project('json');
    expect(runCli(['init', '--format', 'json', '--docs', 'provider-docs'], { cwd: dir }).code).toBe(0);
    const loaded = await loadConfig(dir);
    expect(loaded.config).toMatchObject({ docs: 'provider-docs', out: 'generated', runtime: 'copy', seed: 1 });
  });

  it('writes, in every format, a config the schema accepts', () => {
    for (const format of ['ts', 'js', 'json'] as const) {
      const text = configText({ docs: 'docs', out: 'generated', format, runtime: 'package' });
      // The object literal of the ts/js forms is JSON-compatible once comments are stripped.
      const body = format === 'json' ? text : text.slice(text.indexOf('defineConfig(') + 13, text.lastIndexOf(')'));
      const json = body.replace(/\/\/.*$/gm, '').replace(/(\w+):/g, '"$1":').replace(/'/g, '"').replace(/,(\s*[}\]])/g, '$1');
      expect(() => checkConfig(JSON.parse(json), format)).not.toThrow();
    }
  });
});
