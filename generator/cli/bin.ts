#!/usr/bin/env node
/**
 * `stackql-docgen <command>`. `mock` serves from a child process started with the mock's Node flags
 * (mocks/server/young-generation.ts); this process then only waits for it. That is decided here,
 * before the program (commander, config, generator, engine) is loaded: loaded, it left the waiting
 * process an 18 MB heap, which V8's memory reducer marked and compacted three times once it was
 * idle (40-60 ms pauses, measured), on the CPU the server serves from when both are pinned to one.
 * The child runs this file again with the same arguments and, its flags set, the program.
 */
import { fileURLToPath } from 'node:url';
import { relaunchWithYoungGeneration } from '../../mocks/server/young-generation.ts';

if (!(process.argv[2] === 'mock' && relaunchWithYoungGeneration(fileURLToPath(import.meta.url)))) await import('./program.ts');
