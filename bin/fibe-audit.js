#!/usr/bin/env node
// Tiny shim: the built entry does everything, including the one process exit.
import('../dist/cli.js').then((m) => m.run());
