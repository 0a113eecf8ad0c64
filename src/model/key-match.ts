// Leaked-key triage: which of the account's keys a raw key string (`fibe_live_...`) is, found locally
// from each key's masked_token (`fibe_live_AbCd...wxyz`). The raw string never leaves this process.
import type { ApiKeyRecord } from './entry.js';

export interface MaskedParts {
  /** Visible text before the mask run. */
  prefix: string;
  /** Visible text after the mask run ('' when the token ends masked). */
  suffix: string;
}

// The mask run: dots, an ellipsis, asterisks, bullets (`...`, `…`, `****`, `•••`).
const MASK_RUN = /(\.{2,}|…+|\*{2,}|•+)/;

/** Splits a masked token at its first mask run; null when it has none or shows nothing at the front. */
export function maskedPartsOf(masked: unknown): MaskedParts | null {
  if (typeof masked !== 'string') return null;
  const m = MASK_RUN.exec(masked);
  if (!m || m.index === 0) return null;
  return { prefix: masked.slice(0, m.index), suffix: masked.slice(m.index + (m[0] as string).length) };
}

/**
 * The keys whose visible prefix the raw string starts with and whose visible suffix it ends with. Both
 * ends must match: the part of a prefix that tells keys apart is a few characters (`fibe_live_` is
 * shared), so a prefix alone would pin a truncated or foreign string on one of the account's keys.
 */
export function matchRawKey(raw: string, keys: readonly ApiKeyRecord[]): ApiKeyRecord[] {
  const token = raw.trim();
  return keys.filter((key) => {
    const parts = maskedPartsOf(key.masked_token);
    if (!parts || !token.startsWith(parts.prefix)) return false;
    const rest = token.slice(parts.prefix.length);
    return rest.length >= parts.suffix.length && rest.endsWith(parts.suffix);
  });
}
