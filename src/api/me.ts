// Who the key belongs to (GET /api/me) and whether it may read the audit log (a one-entry probe).
import type { Me } from '../model/entry.js';
import { ApiError } from '../errors.js';
import { ForbiddenError } from './response-errors.js';
import type { HttpClient } from './types.js';

export async function getMe(http: HttpClient): Promise<Me> {
  const { body } = await http.getJson<Partial<Me> | null>('me');
  if (!body || typeof body !== 'object' || body.id === undefined) {
    throw new ApiError('unexpected answer from GET /api/me: no id');
  }
  return {
    id: body.id,
    username: typeof body.username === 'string' ? body.username : String(body.id),
    email: typeof body.email === 'string' ? body.email : null,
    github_handle: typeof body.github_handle === 'string' ? body.github_handle : null,
    avatar_url: typeof body.avatar_url === 'string' ? body.avatar_url : null,
    api_key_scopes: Array.isArray(body.api_key_scopes) ? body.api_key_scopes.map(String) : [],
  };
}

/** True when the key may read the audit log; 403 means it may not (other errors propagate). */
export async function probeAuditAccess(http: HttpClient): Promise<boolean> {
  try {
    await http.getJson('audit_logs', { per_page: 1 });
    return true;
  } catch (err) {
    if (err instanceof ForbiddenError) return false;
    throw err;
  }
}
