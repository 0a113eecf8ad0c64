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
