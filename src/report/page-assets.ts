// The report page's script and style: built from src/report/page/ by scripts/report-page.mjs and
// inlined here at build time (esbuild define; vitest defines them the same way for tests).
declare const __FIBE_REPORT_SCRIPT__: string;
declare const __FIBE_REPORT_STYLE__: string;

export const REPORT_PAGE: { script: string; style: string } = { script: __FIBE_REPORT_SCRIPT__, style: __FIBE_REPORT_STYLE__ };
