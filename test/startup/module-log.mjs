// Preloaded with `node --import` by test/startup/startup.test.ts: registers module-log-hooks.mjs, which
// records what the CLI loads into $FIBE_MODULE_LOG.
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url, { data: { logFile: process.env.FIBE_MODULE_LOG } });
