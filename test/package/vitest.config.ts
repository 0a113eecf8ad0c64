// `npm run test:slow`: the packaging test alone (npm pack, a global install into a temp prefix, a real
// run against the emulator). The main suite skips it; this config switches it on.
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    ...base.test,
    include: ['test/package/**/*.test.ts'],
    // The main config may exclude test/package; here it is the whole point.
    exclude: configDefaults.exclude,
    env: { FIBE_AUDIT_SLOW_TESTS: '1' },
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
