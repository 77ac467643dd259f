/** `npm run mock -- [...]` in this project: the `mock` command run from the current folder. See command.ts. */
import { mockCommand } from './command.ts';

await mockCommand().name('mock').parseAsync();
