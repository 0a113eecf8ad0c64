import { readFileSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';
import { reportPageDefines } from './scripts/report-page.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The report page is built from src/report/page/ as scripts/build.mjs does, so tests see its current source.
  define: { __FIBE_AUDIT_VERSION__: JSON.stringify(pkg.version), ...reportPageDefines() },
  test: {
    include: ['test/**/*.test.ts'],
    // The packaging test (npm pack + global install) runs under `npm run test:slow`.
    exclude: [...configDefaults.exclude, 'test/package/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
