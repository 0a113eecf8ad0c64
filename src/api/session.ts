// Opens an authenticated API session: resolved credentials plus the HTTP client for their origin.
import type { Context, GlobalOptions } from '../context.js';
import { AuthError } from '../errors.js';
import type { Session } from './types.js';

export async function openApiSession(_ctx: Context, _globals: GlobalOptions): Promise<Session> {
  throw new AuthError('the API client is not built yet');
}
