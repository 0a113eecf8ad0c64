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

export interface KeyMatch {
  /** Keys whose visible prefix the raw string starts with and whose visible suffix it ends with. */
  exact: ApiKeyRecord[];
  /** Keys matched by prefix alone (suffix differs, e.g. a truncated leak); used only when exact is empty. */
  prefixOnly: ApiKeyRecord[];
}

/**
 * Compares a raw key with every masked token. The SPEC matches on masked prefixes; the visible
 * suffix then tells apart keys that share a prefix, and a full match always beats a prefix match.
 */
export function matchRawKey(raw: string, keys: readonly ApiKeyRecord[]): KeyMatch {
  const token = raw.trim();
  const exact: ApiKeyRecord[] = [];
  const prefixOnly: ApiKeyRecord[] = [];
  for (const key of keys) {
    const parts = maskedPartsOf(key.masked_token);
    if (!parts || !token.startsWith(parts.prefix)) continue;
    const rest = token.slice(parts.prefix.length);
    if (rest.length >= parts.suffix.length && rest.endsWith(parts.suffix)) exact.push(key);
    else prefixOnly.push(key);
  }
  return { exact, prefixOnly };
}

/** The keys a raw string resolves to: the exact matches, else the prefix matches. */
export function candidatesFor(match: KeyMatch): ApiKeyRecord[] {
  return match.exact.length > 0 ? match.exact : match.prefixOnly;
}
