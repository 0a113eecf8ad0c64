// The audit entry as the API sends it, and the normalised actor every entry carries in fibe-audit.

/** One entry of GET /api/audit_logs. Fields may be missing or of unexpected type on a real server. */
export interface AuditEntry {
  id: number;
  resource_type: string | null;
  resource_id: number | null;
  action: string;
  channel: string | null;
  actor_type: string | null;
  actor_id: number | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
  [extra: string]: unknown;
}

export type ActorKind = 'user' | 'api_key' | 'genie' | 'automation' | 'unknown';
export const ACTOR_KINDS: readonly ActorKind[] = ['user', 'api_key', 'genie', 'automation', 'unknown'];

/** user: id = player id; api_key/genie: id = key id; automation: id = actor_id or null, label = its name. */
export interface Actor {
  kind: ActorKind;
  id: number | string | null;
  label: string | null;
}

/** An entry as fibe-audit passes it around and writes it to JSON: the API object plus `actor`. */
export interface Entry extends AuditEntry {
  actor: Actor;
}

/** GET /api/api_keys item. */
export interface ApiKeyRecord {
  id: number;
  label: string;
  scopes: string[];
  expires_at: string | null;
  created_at: string;
  masked_token: string;
  agent_accessible: boolean;
  rate_limit_rph_override: number | null;
  source: string | null;
  last_used_at?: string | null;
  [extra: string]: unknown;
}

/** GET /api/me. */
export interface Me {
  id: number;
  username: string;
  email: string | null;
  github_handle: string | null;
  avatar_url: string | null;
  api_key_scopes: string[];
}
