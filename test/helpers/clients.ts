/**
 * Tests that drive real, unmodified clients (psql, psycopg, psycopg2, openssl): locally they skip,
 * saying which client is missing and how to install it; in CI (CI=1/true, set by the CI runner)
 * a missing client fails, because `.ci/run` installs them.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

export const IN_CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** Whether a command runs (exit 0) with these arguments. */
export function runs(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
  return r.error === undefined && r.status === 0;
}

/** `describe`, or a clear skip (locally) / failure (in CI) when the client is missing. */
export function describeWithClient(client: string, available: boolean, install: string, body: () => void): void {
  if (available) describe(client, body);
  else if (IN_CI) {
    describe(client, () => {
      it(`${client} is installed`, () => {
        expect.fail(`${client} is missing, and CI must run this suite: ${install}`);
      });
    });
  } else {
    console.warn(`skipping the ${client} tests: ${client} is not installed here (${install})`);
    describe.skip(`${client}: SKIPPED, not installed here (${install})`, body);
  }
}
