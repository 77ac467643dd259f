/**
 * Where a contract run goes and what it may do, read from the environment in the test workers
 * (see suite.ts for the variables).
 */
import { readFileSync } from 'node:fs';

export interface ContractSettings {
  /** The real endpoint; undefined: the mock. */
  target?: string | undefined;
  mutations: boolean;
  seed: number;
  timeoutMs: number;
  /** Argument values by resource id ('*': every resource). */
  values: Record<string, Record<string, unknown>>;
}

/** Where the mocked middleware lives: an origin no real request goes to. */
export const MOCK_BASE_URL = 'http://stackql.contract.mock';

export function contractSettings(env: Record<string, string | undefined> = process.env): ContractSettings {
  const target = env['CONTRACT_TARGET']?.trim() || undefined;
  const settings: ContractSettings = {
    target,
    mutations: target === undefined || /^(1|true|yes)$/i.test(env['CONTRACT_ALLOW_MUTATIONS'] ?? ''),
    seed: Number.parseInt(env['CONTRACT_SEED'] ?? '', 10) || 1,
    timeoutMs: Number.parseInt(env['CONTRACT_TIMEOUT_MS'] ?? '', 10) || 30_000,
    values: {},
  };
  if (env['CONTRACT_VALUES']) {
    const parsed: unknown = JSON.parse(readFileSync(env['CONTRACT_VALUES'], 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError(`CONTRACT_VALUES: ${env['CONTRACT_VALUES']} must hold a JSON object`);
    settings.values = parsed as ContractSettings['values'];
  }
  return settings;
}
