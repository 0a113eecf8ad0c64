#!/usr/bin/env node
// Tiny shim: the built entry does everything, including the one process exit. On Node 22+ the compiled
// bundle is cached (in the OS temp directory), so later runs skip most of the parsing.
import * as nodeModule from 'node:module';

nodeModule.enableCompileCache?.();
import('../dist/cli.js').then((m) => m.run());
