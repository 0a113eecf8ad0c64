// Splits NDJSON text into numbered lines as chunks arrive; blank lines are skipped, CRLF is accepted.
import { inputErrorAt } from './located-error.js';

export interface TextRecord {
  /** 1-based line where the record starts. */
  line: number;
  text: string;
}

/** An export line is one entry; anything near this size is not one (and would defeat constant memory). */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;

export class NdjsonLineSplitter {
  private pending = '';
  private line = 1;

  constructor(private readonly name: string) {}

  push(chunk: string): TextRecord[] {
    const text = this.pending + chunk;
    const out: TextRecord[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.take(text.slice(start, nl), out);
      start = nl + 1;
    }
    this.pending = text.slice(start);
    if (this.pending.length > MAX_RECORD_CHARS) {
      throw inputErrorAt(this.name, this.line, 'line longer than 64 MiB: not an export written by fibe-audit');
    }
    return out;
  }

  /** The last line needs no newline after it. */
  end(): TextRecord[] {
    const out: TextRecord[] = [];
    if (this.pending !== '') this.take(this.pending, out);
    this.pending = '';
    return out;
  }

  private take(raw: string, out: TextRecord[]): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') out.push({ line: this.line, text });
    this.line += 1;
  }
}
