// Reading a written report back in tests: its embedded data (the JSON script block), decoded entries.
import { readFileSync } from 'node:fs';
import { decodeEntries } from '../../src/report/entry-codec.js';
import type { ReportData } from '../../src/report/report-data.js';

const DATA_BLOCK = /<script type="application\/json" id="report-data">([^<]*)<\/script>/;

export function readReportData(path: string): ReportData {
  const html = readFileSync(path, 'utf8');
  const m = DATA_BLOCK.exec(html);
  if (!m) throw new Error(`${path}: no report-data block`);
  return JSON.parse(m[1] as string) as ReportData;
}

export function reportEntries(path: string): Array<Record<string, unknown>> {
  return decodeEntries(readReportData(path).entries);
}
