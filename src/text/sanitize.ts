// Makes untrusted text safe for a terminal: control, DEL, C1, bidi characters and lone surrogates become visible escapes.

// C0, DEL, C1, the Unicode bidi controls (ALM, LRM/RLM, LRE..RLO, LRI..PDI) and UTF-16 surrogates
// without their partner (a terminal shows them as garbage, and they break UTF-8 output).
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROLS_KEEP_NEWLINES = '\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';

const UNSAFE = new RegExp(`[${CONTROLS}]|${LONE_SURROGATE}`, 'g');
const UNSAFE_KEEP_NEWLINES = new RegExp(`[${CONTROLS_KEEP_NEWLINES}]|${LONE_SURROGATE}`, 'g');
// Machine formats on a terminal: records stay on their lines (LF and CRLF), everything else escaped.
const CONTROLS_KEEP_RECORDS = '\\u0000-\\u0009\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_KEEP_RECORDS = new RegExp(`[${CONTROLS_KEEP_RECORDS}]|\\r(?!\\n)|${LONE_SURROGATE}`, 'g');

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Every control/bidi character or lone surrogate is shown as `\xNN` / `\uNNNN`; a literal backslash stays as is. */
export function sanitizeLine(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? UNSAFE_KEEP_NEWLINES : UNSAFE, escapeChar);
}

/**
 * CSV/JSON text bound for a terminal: like sanitizeLine, but LF and CRLF record ends stay as they are.
 */
export function sanitizeRecords(text: string): string {
  return text.replace(UNSAFE_KEEP_RECORDS, escapeChar);
}

/** True when text holds nothing a terminal would interpret. */
export function isTerminalSafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text);
}
