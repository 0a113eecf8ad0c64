// The --out path: {date}/{datetime} placeholders (UTC, from the run's clock) and the format its extension implies.
import { UsageError } from '../errors.js';

export type ExportFormat = 'csv' | 'json' | 'ndjson' | 'parquet';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'ndjson', 'parquet'];

const EXTENSIONS: Record<string, ExportFormat> = {
  '.csv': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.parquet': 'parquet',
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Replaces {date} (YYYY-MM-DD) and {datetime} (YYYYMMDDTHHMMSSZ), both UTC; other {words} are typos. */
export function expandOutPath(template: string, now: Date): string {
  const date = `${pad(now.getUTCFullYear(), 4)}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const values: Record<string, string> = { date, datetime: `${date.replaceAll('-', '')}T${time}Z` };
  return template.replace(/\{([a-z]+)\}/gi, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new UsageError(`--out: unknown placeholder ${whole} in '${template}' (use {date} or {datetime})`);
    }
    return value;
  });
}

/** The format a file name's extension implies, if it is one of ours. */
export function formatOfPath(path: string): ExportFormat | undefined {
  const match = /\.[^./\\]+$/.exec(path);
  return match ? EXTENSIONS[match[0].toLowerCase()] : undefined;
}

/** --format when given, else the extension of the path; stdout and unknown extensions need --format. */
export function resolveFormat(outPath: string, flag: ExportFormat | undefined): ExportFormat {
  if (flag !== undefined) return flag;
  if (outPath === '-') {
    throw new UsageError('--out -: cannot infer the format for stdout', 'add --format csv, json, ndjson or parquet');
  }
  const format = formatOfPath(outPath);
  if (format === undefined) {
    throw new UsageError(
      `--out: cannot infer the format from '${outPath}' (known extensions: .csv, .json, .ndjson, .jsonl, .parquet)`,
      'add --format csv, json, ndjson or parquet',
    );
  }
  return format;
}
