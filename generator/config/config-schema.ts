/** The config's JSON Schema: what `loadConfig` checks a loaded config against (unknown keys are errors). */
import { OUTPUT_NAMES } from './define-config.ts';

const globs = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    docs: { type: 'string', minLength: 1 },
    out: { type: 'string', minLength: 1 },
    include: globs,
    exclude: globs,
    outputs: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(OUTPUT_NAMES.map((name) => [name, { type: 'boolean' }])),
    },
    runtime: { enum: ['copy', 'package'] },
    strict: { type: 'boolean' },
    seed: { type: 'integer', minimum: 0 },
    threads: { type: 'integer', minimum: 0 },
    cache: { type: 'boolean' },
  },
} as const;
