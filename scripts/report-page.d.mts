// Types of report-page.mjs for the TypeScript files that import it (vitest.config.ts).
export interface ReportPageAssets {
  script: string;
  style: string;
}
export function buildReportPage(): ReportPageAssets;
export function reportPageDefines(): Record<string, string>;
