// How an API key is shown anywhere in fibe-audit: never whole, only its first 8 and last 4 characters.

/** `fibe_liv...wxyz`; keys of 12 characters or fewer reveal nothing (`***`). */
export function maskKey(key: string): string {
  if (key.length <= 12) return '***';
  return `${key.slice(0, 8)}...${key.slice(-4)}`;
}

/** Replaces every occurrence of the key in a line with its masked form (for logs and messages). */
export function redactKey(text: string, key: string): string {
  if (!key) return text;
  return text.split(key).join(maskKey(key));
}

// The documented key shapes. A key pasted into the wrong flag or argument is echoed by the error that
// refuses it; errors end up in terminals and CI logs, so key-shaped words are masked there too.
const KEY_SHAPED = /\bfibe_(?:live|test)_[A-Za-z0-9_-]{8,}/g;

/** Masks the given keys (e.g. FIBE_API_KEY, whatever its prefix) and every key-shaped word in text. */
export function redactSecrets(text: string, keys: ReadonlyArray<string | undefined> = []): string {
  // Whole key-shaped words first: a key that is the start of a longer pasted word would otherwise be
  // masked alone and leave the rest of the word in clear.
  let out = text.replace(KEY_SHAPED, (k) => maskKey(k));
  for (const key of keys) {
    const k = key?.trim();
    if (k && k.length > 12) out = redactKey(out, k);
  }
  return out;
}
