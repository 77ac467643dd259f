/**
 * The `stackql-docgen` program (started by bin.ts): init writes a config; generate reads the docs
 * and writes the outputs; mock serves the mock engine; contract runs the generated suites. This is
 * the composition root: the one place in generator/ that reaches into mocks/ (the mock command).
 */
import { Command } from 'commander';
import { packageVersion } from '../package-root.ts';
import { contractCommand } from './contract-command.ts';
import { generateCommand } from './generate-command.ts';
import { initCommand } from './init-command.ts';
import { mockCommand } from './mock-command.ts';

const program = new Command('stackql-docgen')
  .description('StackQL provider docs → typed clients, MSW mocks, a mock server and contract tests.')
  .version(packageVersion())
  .showHelpAfterError()
  .enablePositionalOptions()
  .addCommand(initCommand())
  .addCommand(generateCommand())
  .addCommand(mockCommand())
  .addCommand(contractCommand().passThroughOptions());

await program.parseAsync();
