// Reading a secret: all of stdin when piped, or a masked terminal prompt that echoes '*' per character.
import type { IO } from '../io.js';
import { InterruptedError } from '../errors.js';

/** Everything on stdin until it ends (a piped key, or typed text closed with Ctrl-D). */
export async function readAllStdin(io: IO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

interface RawCapable {
  setRawMode?: (on: boolean) => unknown;
}

/**
 * Prompts on stderr and reads one line from a terminal without echoing it: each character shows as
 * '*', Backspace erases, Ctrl-U clears, Enter (or end of input) finishes, Ctrl-C interrupts.
 */
export function readMaskedLine(io: IO, prompt: string): Promise<string> {
  const stdin = io.stdin as IO['stdin'] & RawCapable;
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  let value = '';
  return new Promise<string>((resolve, reject) => {
    const finish = (err?: Error) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onEnd = () => finish();
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || (ch === '\u0004' && value === '')) return finish();
        if (ch === '\u0003') return finish(new InterruptedError());
        if (ch === '\u007f' || ch === '\b') {
          if (value) {
            value = [...value].slice(0, -1).join('');
            io.stderr.write('\b \b');
          }
        } else if (ch === '\u0015') {
          io.stderr.write('\b \b'.repeat([...value].length));
          value = '';
        } else if (ch >= ' ') {
          value += ch;
          io.stderr.write('*');
        }
      }
    };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}
