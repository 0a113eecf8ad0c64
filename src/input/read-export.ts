// Offline input for --file: reads an export written by fibe-audit (NDJSON, JSON array or CSV, gzipped
// when the name ends in .gz) as a stream of API entries, in constant memory whatever the file's size.
import type { AuditEntry } from '../model/entry.js';
import { InputError } from '../errors.js';
import { readTextChunks } from './text-source.js';
import { NdjsonLineSplitter, type TextRecord } from './ndjson-reader.js';
import { JsonArrayScanner } from './json-array-reader.js';
import { CsvRecordParser, type CsvRecord } from './csv-reader.js';
import { entryFromJson } from './json-entry.js';
import { entryFromCsv, readCsvHeader, type CsvHeader } from './csv-entry.js';

export type ExportFormat = 'ndjson' | 'json' | 'csv';

/**
 * Text in, entries out, chunk by chunk; `end` flushes what the last chunk left. Entries are converted
 * one at a time as they are taken, so every good entry before a bad line is yielded before its error.
 */
interface EntryParser {
  push(text: string): Iterable<AuditEntry>;
  end(): Iterable<AuditEntry>;
}

/** The format a name promises (`.ndjson`, `.jsonl`, `.json`, `.csv`, each maybe + `.gz`), if any. */
export function formatFromName(path: string): ExportFormat | undefined {
  const match = /\.(ndjson|jsonl|json|csv)(?:\.gz)?$/i.exec(path);
  const ext = match?.[1]?.toLowerCase();
  if (ext === 'jsonl') return 'ndjson';
  return ext as ExportFormat | undefined;
}

/**
 * The content decides between JSON's two shapes, so a `.json` holding NDJSON still reads; a `.csv` is
 * always CSV; other names are sniffed: `[` JSON array, `{` NDJSON, else a CSV header.
 */
function chooseFormat(named: ExportFormat | undefined, first: string, name: string): ExportFormat {
  if (named === 'csv') return 'csv';
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  if (first === '\x1f') {
    throw new InputError(`${name}: looks gzip-compressed`, 'name it with a .gz ending, e.g. audit.ndjson.gz');
  }
  if (named) throw new InputError(`${name}:1: not valid JSON (expected [ or {, found '${first}')`);
  return 'csv';
}

function* entriesOfText(records: Iterable<TextRecord>, name: string): Generator<AuditEntry> {
  for (const record of records) yield entryFromJson(record, name);
}

function ndjsonParser(name: string): EntryParser {
  const lines = new NdjsonLineSplitter(name);
  return {
    push: (text) => entriesOfText(lines.push(text), name),
    end: () => entriesOfText(lines.end(), name),
  };
}

function jsonArrayParser(name: string): EntryParser {
  const scanner = new JsonArrayScanner(name);
  return {
    push: (text) => entriesOfText(scanner.push(text), name),
    end: () => entriesOfText(scanner.end(), name),
  };
}

/** The first record is the header; every later one an entry. */
function csvParser(name: string): EntryParser {
  const records = new CsvRecordParser(name);
  let header: CsvHeader | undefined;
  function* convert(list: Iterable<CsvRecord>): Generator<AuditEntry> {
    for (const record of list) {
      if (header === undefined) header = readCsvHeader(record, name);
      else yield entryFromCsv(record, header, name);
    }
  }
  return { push: (text) => convert(records.push(text)), end: () => convert(records.end()) };
}

const PARSERS: Record<ExportFormat, (name: string) => EntryParser> = {
  ndjson: ndjsonParser,
  json: jsonArrayParser,
  csv: csvParser,
};

/**
 * Every entry of the file, in file order. An empty file is an empty export (no entries, no error);
 * a missing, truncated or corrupt one throws InputError naming the file and line (exit 2).
 */
export async function* readExportFile(path: string, opts: { signal?: AbortSignal } = {}): AsyncGenerator<AuditEntry> {
  const named = formatFromName(path);
  let parser: EntryParser | undefined = named === 'csv' ? csvParser(path) : undefined;
  let head = '';
  let started = false;
  for await (const chunk of readTextChunks(path, opts.signal)) {
    // Parquet (an export format of ours too) starts with PAR1: no text to read, whatever the name.
    if (!started && chunk.startsWith('PAR1')) {
      throw new InputError(`${path}: a Parquet file; --file reads the CSV, JSON and NDJSON exports`, 'export the window as NDJSON (--format ndjson) to read it here, or query the Parquet file with DuckDB');
    }
    started = true;
    let text = chunk;
    if (parser === undefined) {
      head += chunk;
      const first = /\S/.exec(head);
      if (first === null) continue;
      parser = PARSERS[chooseFormat(named, first[0], path)](path);
      text = head;
      head = '';
    }
    for (const entry of parser.push(text)) {
      opts.signal?.throwIfAborted();
      yield entry;
    }
  }
  for (const entry of parser?.end() ?? []) yield entry;
}
