// The player's API keys at run time: seeded tokens, their /api/api_keys records, lookup by
// bearer token, expiry and deletion.

import { KEY_SPECS, type KeySpec } from './catalog-people.js';
import type { Random } from './random.js';
import { formatTime } from './wire-time.js';
import { US_PER_DAY } from './timeline.js';
import type { ApiKeyWire } from './types.js';

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface KeyRecord {
  spec: KeySpec;
  token: string;
  wire: ApiKeyWire;
  createdUs: number;
  /** When the key stops working (expires_at), if ever. */
  expiresUs: number | undefined;
  deleted: boolean;
}

/** `<first 14 chars>...<last 4>`, the form /api/api_keys shows. */
export function maskToken(token: string): string {
  return `${token.slice(0, 14)}...${token.slice(-4)}`;
}

const wholeMs = (us: number): number => Math.floor(us / 1000) * 1000;

export class KeyRing {
  readonly records: KeyRecord[] = [];
  private readonly tokens = new Map<string, KeyRecord>();

  constructor(random: Random, nowUs: number) {
    const prefixes = new Set<string>();
    const suffixes = new Set<string>();
    for (const spec of KEY_SPECS) {
      let token: string;
      // Clients match a leaked raw key against masked prefixes/suffixes: keep both unique.
      do token = spec.prefix + random.text(32, TOKEN_ALPHABET);
      while (prefixes.has(token.slice(0, 14)) || suffixes.has(token.slice(-4)));
      prefixes.add(token.slice(0, 14));
      suffixes.add(token.slice(-4));
      const createdUs = wholeMs(nowUs - spec.createdDaysAgo * US_PER_DAY - random.int(US_PER_DAY));
      const expiresUs =
        spec.expiredDaysAgo !== undefined ? wholeMs(nowUs - spec.expiredDaysAgo * US_PER_DAY - random.int(US_PER_DAY / 2))
        : spec.expiresInDays !== undefined ? wholeMs(nowUs + spec.expiresInDays * US_PER_DAY)
        : undefined;
      const wire: ApiKeyWire = {
        id: spec.id,
        label: spec.label,
        scopes: [...spec.scopes],
        expires_at: expiresUs === undefined ? null : formatTime(expiresUs),
        created_at: formatTime(createdUs),
        masked_token: maskToken(token),
        agent_accessible: spec.agent,
        rate_limit_rph_override: spec.rateLimitOverride,
        source: spec.source,
        ...(spec.reportsLastUse ? { last_used_at: null } : {}),
      };
      const record: KeyRecord = { spec, token, wire, createdUs, expiresUs, deleted: false };
      this.records.push(record);
      this.tokens.set(token, record);
    }
  }

  byToken(token: string): KeyRecord | undefined {
    return this.tokens.get(token);
  }

  byId(id: number): KeyRecord | undefined {
    return this.records.find((r) => r.wire.id === id);
  }

  byName(name: string): KeyRecord | undefined {
    return this.records.find((r) => r.spec.name === name);
  }

  isExpired(record: KeyRecord, nowUs: number): boolean {
    return record.expiresUs !== undefined && record.expiresUs <= nowUs;
  }

  /** Live records in id order (deleted keys are gone), as fresh copies. */
  list(): ApiKeyWire[] {
    return this.records
      .filter((r) => !r.deleted)
      .sort((a, b) => a.wire.id - b.wire.id)
      .map((r) => structuredClone(r.wire));
  }

  /** Sets last_used_at from the newest audited use (keys that report it only). */
  recordLastUse(name: string, us: number): void {
    const record = this.byName(name);
    if (record && record.spec.reportsLastUse) record.wire.last_used_at = formatTime(wholeMs(us));
  }
}
