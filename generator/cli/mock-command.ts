/** `stackql-docgen mock`: the mock server's command, with its defaults (model, seed) from the user's config. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { mockCommand } from '../../mocks/server/command.ts';
import { loadConfig } from '../config/load-config.ts';
import { invocationDir, resolveSettings } from '../config/settings.ts';

export function mockCommandWithConfig(): Command {
  const from = invocationDir();
  return mockCommand({
    from,
    defaults: async (flags) => {
      const settings = resolveSettings(await loadConfig(from, flags.config as string | undefined), {}, from);
      return { model: join(settings.out, 'model.json'), seed: settings.seed };
    },
  }).option('--config <file>', 'config file whose out and seed are the defaults (default: stackql-docgen.config.* here or above)');
}
