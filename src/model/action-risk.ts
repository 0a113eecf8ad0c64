// Which actions an investigator wants called out: destructive verbs and security-sensitive families.
// One list, used by `actor` (and its `destructive` count) so the report and the JSON agree.

const DESTRUCTIVE_VERBS = new Set(['destroyed', 'deleted', 'revoked', 'removed', 'disabled', 'purged', 'discarded']);

/** Whole families whose every action touches credentials or delivery of data elsewhere. */
const SENSITIVE_FAMILIES = new Set(['api_key', 'secret', 'webhook_endpoint', 'job_env', 'security_key', 'recovery_codes']);
/** Single actions that weaken an account's protection. */
const SENSITIVE_ACTIONS = new Set(['two_factor.disabled', 'session.revoked']);

export type ActionRisk = 'destructive' | 'security' | null;

/** `destructive` (the verb destroys), else `security` (credentials, webhooks, 2FA...), else null. */
export function riskOf(action: unknown): ActionRisk {
  if (typeof action !== 'string' || action === '') return null;
  const lower = action.toLowerCase();
  const parts = lower.split('.');
  if (DESTRUCTIVE_VERBS.has(parts[parts.length - 1] as string)) return 'destructive';
  if (SENSITIVE_FAMILIES.has(parts[0] as string) || SENSITIVE_ACTIONS.has(lower)) return 'security';
  return null;
}

export function isCalledOut(action: unknown): boolean {
  return riskOf(action) !== null;
}
