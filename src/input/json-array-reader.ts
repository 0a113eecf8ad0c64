// Streams a JSON array of entries: an incremental scanner cuts out each top-level object (tracking depth,
// strings and escapes) so only one entry is held at a time; JSON.parse then checks the object itself.
import { inputErrorAt } from './located-error.js';
import { MAX_RECORD_CHARS, type TextRecord } from './ndjson-reader.js';

type State = 'before-array' | 'before-first' | 'before-next' | 'in-object' | 'after-object' | 'done';

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';
// The characters that matter inside an entry, outside and inside its strings.
const IN_OBJECT = /["{}[\]\n]/g;
const IN_STRING = /["\\\n]/g;

export class JsonArrayScanner {
  private state: State = 'before-array';
  private line = 1;
  /** The object being cut out: finished parts from earlier chunks, plus its line and depth. */
  private parts: string[] = [];
  private partsLength = 0;
  private objectLine = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly name: string) {}

  push(chunk: string): TextRecord[] {
    const out: TextRecord[] = [];
    let objectStart = this.state === 'in-object' ? 0 : -1;
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'in-object') {
        const close = this.scanObject(chunk, i);
        if (close === -1) break;
        out.push(this.finishObject(chunk.slice(objectStart, close + 1)));
        objectStart = -1;
        i = close + 1;
        continue;
      }
      const c = chunk[i] as string;
      if (c === '\n') this.line += 1;
      else if (!isSpace(c) && this.structural(c)) objectStart = i;
      i += 1;
    }
    if (objectStart !== -1) {
      this.parts.push(chunk.slice(objectStart));
      this.partsLength += chunk.length - objectStart;
      if (this.partsLength > MAX_RECORD_CHARS) {
        throw inputErrorAt(this.name, this.objectLine, 'entry longer than 64 MiB: not an export written by fibe-audit');
      }
    }
    return out;
  }

  /** An empty (or blank) input is an empty export; anything else must have closed its array. */
  end(): TextRecord[] {
    if (this.state === 'done' || this.state === 'before-array') return [];
    const line = this.state === 'in-object' ? this.objectLine : this.line;
    throw inputErrorAt(this.name, line, 'not valid JSON (unexpected end of input: the file is cut off)');
  }

  /** Handles one non-space character outside an object; true when it opens one. */
  private structural(c: string): boolean {
    const fail = (what: string): never => {
      throw inputErrorAt(this.name, this.line, `not valid JSON (${what}, found '${c}')`);
    };
    switch (this.state) {
      case 'before-array':
        if (c !== '[') fail('expected [ to open an array of entries');
        this.state = 'before-first';
        return false;
      case 'before-first':
      case 'before-next':
        if (c === ']' && this.state === 'before-first') {
          this.state = 'done';
          return false;
        }
        if (c !== '{') fail('expected an entry object');
        this.state = 'in-object';
        this.objectLine = this.line;
        this.depth = 1;
        return true;
      case 'after-object':
        if (c === ',') this.state = 'before-next';
        else if (c === ']') this.state = 'done';
        else fail('expected , or ] after an entry');
        return false;
      default:
        return fail('data after the closing ]');
    }
  }

  /**
   * Jumps from one character that matters to the next (quotes, escapes, brackets, newlines); returns
   * the index of the brace closing the top-level object, or -1 when the chunk ends first.
   */
  private scanObject(chunk: string, from: number): number {
    let i = from;
    while (i < chunk.length) {
      if (this.escaped) {
        // The escaped character is skipped whatever it is (it may be the next chunk's first).
        this.escaped = false;
        if (chunk[i] === '\n') this.line += 1;
        i += 1;
        continue;
      }
      const search = this.inString ? IN_STRING : IN_OBJECT;
      search.lastIndex = i;
      const found = search.exec(chunk);
      if (found === null) return -1;
      const c = found[0];
      i = found.index + 1;
      if (c === '\n') this.line += 1;
      else if (this.inString) {
        if (c === '\\') this.escaped = true;
        else this.inString = false;
      } else if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth += 1;
      else if ((this.depth -= 1) === 0) return found.index;
    }
    return -1;
  }

  private finishObject(last: string): TextRecord {
    const text = this.parts.length === 0 ? last : this.parts.join('') + last;
    this.parts = [];
    this.partsLength = 0;
    this.state = 'after-object';
    return { line: this.objectLine, text };
  }
}
