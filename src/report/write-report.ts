// Puts the report on disk through export's atomic file (0600, temp + fsync + rename), so the target
// only ever holds a complete report; an existing file is replaced only with --force.
import { writeFileAtomic, type FileDigest } from '../export/writer.js';
import { renderReportHtml, type PageAssets } from './html-document.js';
import type { ReportData } from './report-data.js';

export function writeReport(path: string, data: ReportData, assets: PageAssets, force: boolean): Promise<FileDigest> {
  return writeFileAtomic(path, renderReportHtml(data, assets), { force, flag: '--out' });
}
