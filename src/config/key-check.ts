// A key must be plain printable ASCII: anything else (a curly quote, a non-breaking space from a chat
// tool) cannot go into an Authorization header, and undici's error would not say where it came from.
import { UsageError } from '../errors.js';

/** Exit 2 naming where the key came from and which character is wrong (never the key itself). */
export function assertUsableKey(key: string, where: string): string {
  const chars = [...key];
  const index = chars.findIndex((ch) => {
    const code = ch.codePointAt(0) as number;
    return code < 0x21 || code > 0x7e;
  });
  if (index === -1) return key;
  const code = (chars[index] as string).codePointAt(0) as number;
  const what = code > 0x7e ? 'a non-ASCII character' : 'a space or control character';
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  throw new UsageError(
    `${where}: the API key contains ${what} (${name} at position ${index + 1}); keys are plain ASCII`,
    'copy the key again from Fibe: editors and chat tools can swap characters for look-alikes',
  );
}
