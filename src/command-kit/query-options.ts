// The option values `query` hands its runners (the listing and the --follow tail read the same flags).
import type { EntryFormat } from '../render/output.js';

export type QueryOptionValues = Record<string, unknown> & {
  limit: number;
  all?: boolean;
  order: 'asc' | 'desc';
  output: EntryFormat;
  columns?: string;
  csvGuard: boolean;
  file?: string;
};
