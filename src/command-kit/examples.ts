// The examples block every command's help ends with (SPEC.md: 3-5 real examples), wrapped to the help
// width: a long command continues on the next line after ` \`, so it still pastes into a shell.
import type { AddHelpTextContext } from '@commander-js/extra-typings';

const CMD_INDENT = '  $ ';
// A command's continuation sits deeper than the prose under it, so the two are not confused.
const CONTINUED = '        ';
const MORE_INDENT = '      ';

/** Shell words, a quoted stretch kept whole (`key:"GitHub Actions CI"` is one word). */
function shellWords(cmd: string): string[] {
  return cmd.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}

/**
 * A double-quoted word too long for a line of its own (a SQL statement) split at its spaces: inside
 * double quotes a shell drops a backslash and its newline too, so the pieces paste back as one word
 * (the space before ` \` and the next line's indent stay in it, which SQL ignores). Never inside a
 * single-quoted stretch, where the indent would become part of a literal.
 */
function fitted(words: string[], width: number): string[] {
  return words.flatMap((word) => (CONTINUED.length + word.length + 2 > width && /^"[^"]*"$/.test(word) ? splitOutsideSingleQuotes(word) : [word]));
}

function splitOutsideSingleQuotes(word: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  let quoted = false;
  for (const ch of word) {
    if (ch === "'") quoted = !quoted;
    if (ch === ' ' && !quoted) {
      pieces.push(piece);
      piece = '';
    } else piece += ch;
  }
  pieces.push(piece);
  return pieces;
}

/** Greedy fill of `words` into lines of at most `width`, each line but the last ending in ` \`. */
function wrapCommand(cmd: string, width: number): string[] {
  const lines: string[] = [];
  let line = CMD_INDENT;
  for (const word of fitted(shellWords(cmd), width)) {
    const fresh = line === CMD_INDENT || line === CONTINUED;
    if (!fresh && line.length + 1 + word.length + 2 > width) {
      lines.push(`${line} \\`);
      line = CONTINUED + word;
    } else {
      line = fresh ? line + word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/** Prose at `width`, broken at spaces, every line indented. */
function wrapProse(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && MORE_INDENT.length + line.length + 1 + word.length > width) {
      lines.push(MORE_INDENT + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(MORE_INDENT + line);
  return lines;
}

/** The block for a help width (commands longer than it continue after ` \`). */
export function formatExamples(lines: Array<[string, string]>, width: number): string {
  const body = lines.flatMap(([cmd, why]) => [...wrapCommand(cmd, width), ...wrapProse(why, width)]);
  return `\nExamples:\n${body.join('\n')}\n`;
}

/** The examples block as commander help text, fitted to the width the help is being rendered at. */
export function examples(lines: Array<[string, string]>): (context: AddHelpTextContext) => string {
  return (context) => {
    const out = context.command.configureOutput();
    const width = (context.error ? out.getErrHelpWidth?.() : out.getOutHelpWidth?.()) ?? 80;
    return formatExamples(lines, width);
  };
}
