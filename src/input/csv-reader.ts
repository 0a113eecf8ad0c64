// A small streaming RFC 4180 parser: quoted fields, "" escapes, CR/LF inside quotes, CRLF or LF records.
// Chunks go in, whole records come out with the line each starts on, so memory stays at one record.
import { inputErrorAt } from './located-error.js';
import { MAX_RECORD_CHARS } from './ndjson-reader.js';

export interface CsvRecord {
  /** 1-based physical line where the record starts (quoted newlines count as lines). */
  line: number;
  fields: string[];
}

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted';

const LINE_BREAKS = /\r\n|\r|\n/g;
const DELIMITER_SEARCH = /[,\r\n]/g;

export class CsvRecordParser {
  private state: State = 'field-start';
  private fields: string[] = [];
  private field = '';
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  /** The last character seen was a CR: a following LF belongs to the same line break. */
  private afterCr = false;

  constructor(private readonly name: string) {}

  // Text between the characters that matter is copied a slice at a time, not character by character.
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    while (i < chunk.length) {
      const c = chunk[i] as string;
      if (this.afterCr) {
        // CRLF is one line break: outside quotes the CR already ended the record; inside, keep the LF.
        this.afterCr = false;
        if (c === '\n') {
          if (this.state === 'quoted') this.field += c;
          i += 1;
          continue;
        }
      }
      if (this.state === 'quoted') {
        i = this.scanQuoted(chunk, i);
      } else if (c === '"' && this.state === 'quote-in-quoted') {
        this.field += '"';
        this.state = 'quoted';
        i += 1;
      } else if (c === '"' && this.state === 'field-start') {
        this.state = 'quoted';
        i += 1;
      } else {
        i = this.scanUnquoted(chunk, i, out);
      }
    }
    this.recordChars += chunk.length;
    if (this.recordChars > MAX_RECORD_CHARS) {
      throw inputErrorAt(this.name, this.recordLine, 'record longer than 64 MiB: not an export written by fibe-audit');
    }
    return out;
  }

  end(): CsvRecord[] {
    if (this.state === 'quoted') {
      throw inputErrorAt(this.name, this.recordLine, 'quoted field never closed (the file is cut off)');
    }
    const out: CsvRecord[] = [];
    if (this.fields.length > 0 || this.field !== '' || this.state !== 'field-start') this.endRecord(out);
    return out;
  }

  /** Inside quotes: everything up to the next quote is text, line breaks included (and counted). */
  private scanQuoted(chunk: string, from: number): number {
    const quote = chunk.indexOf('"', from);
    const to = quote === -1 ? chunk.length : quote;
    const piece = chunk.slice(from, to);
    this.field += piece;
    this.line += piece.match(LINE_BREAKS)?.length ?? 0;
    if (piece.endsWith('\r')) this.afterCr = true;
    if (quote === -1) return to;
    this.state = 'quote-in-quoted';
    return quote + 1;
  }

  /** Outside quotes: text up to the next comma or line break (a stray quote is kept as text, as most readers do). */
  private scanUnquoted(chunk: string, from: number, out: CsvRecord[]): number {
    DELIMITER_SEARCH.lastIndex = from;
    const found = DELIMITER_SEARCH.exec(chunk);
    const to = found ? found.index : chunk.length;
    if (to > from) {
      if (this.state === 'quote-in-quoted') {
        throw inputErrorAt(this.name, this.line, `unexpected '${chunk[from]}' after a closing quote`);
      }
      this.field += chunk.slice(from, to);
      this.state = 'unquoted';
    }
    if (!found) return to;
    if (found[0] === ',') {
      this.fields.push(this.field);
      this.field = '';
      this.state = 'field-start';
    } else {
      this.endRecord(out);
      this.line += 1;
      if (found[0] === '\r') this.afterCr = true;
      this.recordLine = this.line;
    }
    return to + 1;
  }

  /** A blank line is no record (RFC 4180 readers commonly skip it). */
  private endRecord(out: CsvRecord[]): void {
    this.fields.push(this.field);
    const blank = this.fields.length === 1 && this.field === '' && this.state === 'field-start';
    if (!blank) out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.field = '';
    this.state = 'field-start';
    this.recordChars = 0;
  }
}
