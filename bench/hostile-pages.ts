/**
 * `tsx bench/hostile-pages.ts`: the inputs issue 13 found super-linear, each at doubling sizes,
 * read as whole pages (extractPageSafely). Linear readers show a time ratio near 2 per doubling;
 * the old regexes showed 4 to 8 (19.7 s for the 3 KB heading).
 */
import { loadavg } from 'node:os';
import { extractPageSafely } from '../generator/extract/resource.ts';

const HEAD = [
  '## Overview',
  '<table><tbody><tr><td><b>Id</b></td><td><CopyableCode code="p.s.r" /></td></tr><tr><td><b>Type</b></td><td>Resource</td></tr></tbody></table>',
  '',
  '## Fields',
  '| Name | Datatype | Description |',
  '|:-----|:---------|:------------|',
].join('\n');

const cases: Array<[string, (n: number) => string]> = [
  ['heading: `## a` + n spaces + `b`', (n) => `## a${' '.repeat(n)}b\n`],
  ['heading of n `<`', (n) => `## ${'<'.repeat(n)}\n`],
  ['cell of n backticks', (n) => `${HEAD}\n| x | \`string\` | ${'`'.repeat(n)} |\n`],
  ['cell of n `[`', (n) => `${HEAD}\n| x | \`string\` | ${'['.repeat(n)} |\n`],
  ['cell of n/2 `**`', (n) => `${HEAD}\n| x | \`string\` | ${'**'.repeat(n / 2)} |\n`],
  ['cell of n/2 `![`', (n) => `${HEAD}\n| x | \`string\` | ${'!['.repeat(n / 2)} |\n`],
  ['delimiter row of n spaces', (n) => `${HEAD}\n\n## Methods\n|\n${' '.repeat(n)}x\n`],
  ['manifest line `a` + n spaces + `x{{`', (n) => `${HEAD}\n\n## INSERT example\n\`\`\`yaml\n- name: r\n  description: a${' '.repeat(n)}x{{ y }}\n\`\`\`\n`],
];

const sizes = [8_192, 16_384, 32_768, 65_536];
const time = (text: string) => {
  const runs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    extractPageSafely(text, 'hostile.md');
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[2];
};

console.log(`load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}; median of 5 per size, ms\n`);
console.log(`| input | ${sizes.map((s) => `n=${s / 1024}K`).join(' | ')} | ratio per doubling |`);
console.log(`|---|${sizes.map(() => '---').join('|')}|---|`);
for (const [name, make] of cases) {
  const ms = sizes.map((n) => time(make(n)));
  const ratio = Math.pow(ms[ms.length - 1] / Math.max(ms[0], 1e-3), 1 / (ms.length - 1));
  console.log(`| ${name} | ${ms.map((m) => m.toFixed(2)).join(' | ')} | ${ratio.toFixed(2)} |`);
}
