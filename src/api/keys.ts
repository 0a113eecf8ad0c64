// GET /api/api_keys, every page; a key without keys:manage gets null so callers can degrade gracefully.
import type { ApiKeyRecord } from '../model/entry.js';
import { ApiError } from '../errors.js';
import { ForbiddenError } from './response-errors.js';
import type { HttpClient } from './types.js';
import { MAX_PAGE, MAX_PER_PAGE } from './audit.js';

export async function listApiKeys(http: HttpClient): Promise<ApiKeyRecord[] | null> {
  const keys: ApiKeyRecord[] = [];
  for (let page = 1; page <= MAX_PAGE; page++) {
    let body: { data?: unknown; meta?: { total?: unknown } };
    try {
      body = (await http.getJson<typeof body>('api_keys', { page, per_page: MAX_PER_PAGE })).body;
    } catch (err) {
      if (err instanceof ForbiddenError) return null;
      throw err;
    }
    if (!body || !Array.isArray(body.data)) throw new ApiError('unexpected answer from GET /api/api_keys: no data array');
    keys.push(...(body.data as ApiKeyRecord[]));
    const total = typeof body.meta?.total === 'number' ? body.meta.total : null;
    if (body.data.length < MAX_PER_PAGE || (total !== null && keys.length >= total)) break;
  }
  return keys;
}
