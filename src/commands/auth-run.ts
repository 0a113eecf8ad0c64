// The auth commands' work, loaded only when one runs: reading and checking keys, the profile store,
// and the status and list views.
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import { AuthError, UsageError } from '../errors.js';
import { sanitizeLine } from '../text/sanitize.js';
import { escapeJsonForTerminal } from '../render/json.js';
import { formatDuration } from '../time/duration.js';
import type { HttpClient } from '../api/types.js';
import type { ResolvedCredentials } from '../config/credentials.js';
import type { Me } from '../model/entry.js';
import { ForbiddenError, RateLimitedError } from '../api/response-errors.js';
import { DEFAULT_DOMAIN, displayDomain, parseDomain } from '../config/domain.js';
import { maskKey } from '../config/mask.js';
import { describeSource, envValue, resolveCredentials } from '../config/credentials.js';
import { warnOnStderr } from '../config/credential-warnings.js';
import { assertUsableKey } from '../config/key-check.js';
import { describeFibeCliProblems, loadFibeCliProfiles } from '../config/fibe-cli.js';
import { loadProfiles, removeProfile, saveProfile, setActiveProfile, storePathFor, validateProfileName } from '../config/store.js';
import { readAllStdin, readMaskedLine } from '../command-kit/prompt.js';


async function openClient(ctx: Context, globals: GlobalOptions, origin: string, apiKey: string): Promise<HttpClient> {
  const { createHttpClient } = await import('../api/http.js');
  return createHttpClient(ctx, { origin, apiKey, verbose: globals.verbose, maxWaitMs: globals.maxWaitMs, ...(globals.maxWaitText !== undefined ? { maxWaitText: globals.maxWaitText } : {}), quiet: globals.quiet, zone: globals.tz });
}

/** Who the key is and whether it reads the audit log; a rejected key fails with a hint fitting its source. */
async function identify(http: HttpClient, rejectedHint: string): Promise<{ me: Me; audit: boolean }> {
  const { getMe, probeAuditAccess } = await import('../api/me.js');
  try {
    const me = await getMe(http);
    return { me, audit: await probeAuditAccess(http) };
  } catch (err) {
    if (err instanceof AuthError && !(err instanceof ForbiddenError)) {
      throw new AuthError(err.message, rejectedHint, err.requestId);
    }
    throw err;
  }
}

const notice = (ctx: Context, globals: GlobalOptions, line: string) => {
  if (!globals.quiet) ctx.io.stderr.write(`${line}\n`);
};

/**
 * Piped stdin is read whole; a terminal always gets the masked prompt, --with-token or not (reading
 * a terminal "as stdin" would echo the pasted key in clear).
 */
async function readKey(ctx: Context, withToken: boolean): Promise<string> {
  const fromTerminal = ctx.io.stdinIsTTY;
  const raw = fromTerminal ? await readMaskedLine(ctx.io, 'Paste your Fibe API key: ') : await readAllStdin(ctx.io);
  const key = raw.trim();
  const where = fromTerminal ? 'the key typed at the prompt' : `the key read from stdin${withToken ? ' (--with-token)' : ''}`;
  if (!key) {
    throw new UsageError('no API key given (the input was empty)', 'pipe it in: printf %s "$KEY" | fibe-audit auth login --with-token');
  }
  if (/\s/.test(key)) throw new UsageError('the API key must be one word without spaces or line breaks');
  return assertUsableKey(key, where);
}

export async function login(ctx: Context, globals: GlobalOptions, withToken: boolean): Promise<void> {
  const name = validateProfileName(globals.profile ?? envValue(ctx.env, 'FIBE_PROFILE') ?? 'default', globals.profile ? '--profile' : 'FIBE_PROFILE');
  const existing = (await loadProfiles(ctx.env)).profiles.find((p) => p.name === name);
  const envDomain = ctx.env.FIBE_DOMAIN?.trim();
  const origin = globals.domain !== undefined
    ? parseDomain(globals.domain, '--domain')
    : envDomain
      ? parseDomain(envDomain, 'FIBE_DOMAIN')
      : existing?.domain ?? parseDomain(DEFAULT_DOMAIN);
  const key = await readKey(ctx, withToken);
  const http = await openClient(ctx, globals, origin, key);
  try {
    const { me, audit } = await identify(http, `nothing was saved; check the key, and --domain if it is not for ${displayDomain(origin)}`);
    const { activated } = await saveProfile(ctx.env, { name, apiKey: key, domain: origin });
    const who = sanitizeLine(`${me.username} (player #${me.id})`);
    ctx.io.stdout.write(`Logged in to ${displayDomain(origin)} as ${who} — profile '${name}', key ${maskKey(key)}\n`);
    if (!audit) {
      ctx.io.stderr.write(
        `${ctx.io.errColor.yellow('warning:')} this key may not read the audit log (403 FORBIDDEN); saved anyway — give it the audit_logs:read scope\n`,
      );
    }
    const book = await loadProfiles(ctx.env);
    if (!activated && book.active !== name) {
      notice(ctx, globals, `profile '${name}' saved; the active profile is still '${book.active}' (switch with 'fibe-audit auth use ${name}')`);
    }
  } finally {
    await http.close();
  }
}

/** `auth status` waits out a short Retry-After, never a spent hourly budget: it reports it instead. */
const STATUS_MAX_WAIT_MS = 5_000;

interface StatusFacts {
  me: Me | null;
  audit: boolean | null;
  /** The API refused with 429 beyond the short wait: what is known is shown with the limit. */
  limited: boolean;
}

/** identify(), except that a spent rate limit leaves the unknown parts null instead of failing. */
async function identifyForStatus(http: HttpClient, rejectedHint: string): Promise<StatusFacts> {
  const { getMe, probeAuditAccess } = await import('../api/me.js');
  let me: Me | null = null;
  try {
    me = await getMe(http);
    return { me, audit: await probeAuditAccess(http), limited: false };
  } catch (err) {
    if (err instanceof RateLimitedError) return { me, audit: null, limited: true };
    if (err instanceof AuthError && !(err instanceof ForbiddenError)) throw new AuthError(err.message, rejectedHint, err.requestId);
    throw err;
  }
}

function statusObject(creds: ResolvedCredentials, facts: StatusFacts, http: HttpClient) {
  const { limit, remaining, resetAt } = http.rateLimit;
  const { me } = facts;
  return {
    profile: creds.profile ?? null,
    domain: creds.origin,
    key: maskKey(creds.apiKey),
    source: creds.source,
    user: me ? { id: me.id, username: me.username, email: me.email } : null,
    scopes: me ? me.api_key_scopes : null,
    audit_access: facts.audit,
    rate_limit: {
      limit: limit ?? null,
      remaining: facts.limited ? 0 : remaining ?? null,
      reset: resetAt !== undefined ? new Date(resetAt).toISOString() : null,
    },
    rate_limited: facts.limited,
  };
}

function rateText(ctx: Context, s: ReturnType<typeof statusObject>, resetAt: number | undefined): string {
  const reset = resetAt !== undefined ? `, resets in ${formatDuration(Math.max(0, resetAt - ctx.now().getTime()))}` : '';
  if (s.rate_limit.remaining === null) return 'unknown';
  const left = `${s.rate_limit.remaining}${s.rate_limit.limit !== null ? `/${s.rate_limit.limit}` : ''} requests left${reset}`;
  return s.rate_limited ? `spent: ${left} (the API answered 429)` : left;
}

export async function showStatus(ctx: Context, globals: GlobalOptions, json: boolean): Promise<void> {
  const creds = await resolveCredentials(ctx.env, globals, warnOnStderr(ctx));
  const hint = creds.source === 'env'
    ? 'check FIBE_API_KEY (and FIBE_DOMAIN or --domain)'
    : `replace the key with 'fibe-audit auth login --profile ${creds.profile}'`;
  // A wait shortened here is quoted as such, not as the --max-wait the user gave.
  const { maxWaitText: _given, ...rest } = globals;
  const capped = globals.maxWaitMs > STATUS_MAX_WAIT_MS ? { ...rest, maxWaitMs: STATUS_MAX_WAIT_MS } : globals;
  const http = await openClient(ctx, capped, creds.origin, creds.apiKey);
  try {
    const facts = await identifyForStatus(http, hint);
    const s = statusObject(creds, facts, http);
    if (facts.limited) {
      ctx.io.stderr.write(`${ctx.io.errColor.yellow('warning:')} the rate limit is spent (429); ${facts.me ? 'audit access' : 'identity and audit access'} could not be checked until it resets\n`);
    }
    if (json) {
      ctx.io.stdout.write(`${escapeJsonForTerminal(JSON.stringify(s, null, 2))}\n`);
      return;
    }
    const { me, audit } = facts;
    const unknown = 'unknown (rate-limited)';
    const rows: Array<[string, string]> = [
      ['Profile', s.profile ?? '(none)'],
      ['Domain', displayDomain(s.domain)],
      ['Key', s.key],
      ['Source', `${s.source} (${describeSource(creds)})`],
      ['User', me ? `${me.username} (player #${me.id}${me.email ? `, ${me.email}` : ''})` : unknown],
      ['Scopes', me ? (me.api_key_scopes.length ? me.api_key_scopes.join(', ') : '(none)') : unknown],
      ['Audit log', audit === null ? unknown : audit ? 'yes' : 'no (403: this key may not read the audit log)'],
      ['Rate limit', rateText(ctx, s, http.rateLimit.resetAt)],
    ];
    for (const [label, value] of rows) ctx.io.stdout.write(`${`${label}:`.padEnd(12)}${sanitizeLine(value)}\n`);
  } finally {
    await http.close();
  }
}

interface ListedProfile {
  name: string;
  active: boolean;
  domain: string;
  key: string;
  store: 'fibe-audit' | 'fibe-cli';
}

async function listProfiles(ctx: Context): Promise<ListedProfile[]> {
  const [ours, theirs] = await Promise.all([loadProfiles(ctx.env), loadFibeCliProfiles(ctx.env)]);
  const problem = describeFibeCliProblems(theirs);
  if (problem) warnOnStderr(ctx)(problem);
  // Marked active: the profile used when neither --profile nor FIBE_API_KEY/FIBE_PROFILE says otherwise.
  const fallback = ours.active === undefined && theirs.profiles.some((p) => p.name === theirs.active) ? theirs.active : undefined;
  const domainOf = (d: string) => {
    try {
      return parseDomain(d || DEFAULT_DOMAIN);
    } catch {
      return d;
    }
  };
  return [
    ...ours.profiles.map((p) => ({ name: p.name, active: p.name === ours.active, domain: p.domain, key: maskKey(p.apiKey), store: 'fibe-audit' as const })),
    ...theirs.profiles
      .filter((p) => !ours.profiles.some((o) => o.name === p.name))
      .map((p) => ({ name: p.name, active: p.name === fallback, domain: domainOf(p.domain), key: maskKey(p.apiKey), store: 'fibe-cli' as const })),
  ];
}

export async function printProfiles(ctx: Context, globals: GlobalOptions, json: boolean): Promise<void> {
  const rows = await listProfiles(ctx);
  if (json) {
    ctx.io.stdout.write(`${escapeJsonForTerminal(JSON.stringify(rows, null, 2))}\n`);
    return;
  }
  if (rows.length === 0) {
    notice(ctx, globals, "no profiles stored; run 'fibe-audit auth login'");
    return;
  }
  const cells = rows.map((r) => [r.active ? '*' : ' ', r.name, displayDomain(r.domain), r.key, r.store === 'fibe-cli' ? '(fibe CLI, read-only)' : '']);
  const widths = [1, 2, 3].map((i) => cells.reduce((w, c) => Math.max(w, (c[i] as string).length), 0));
  for (const c of cells) {
    const line = [c[0], ...[1, 2, 3].map((i) => (c[i] as string).padEnd(widths[i - 1] as number)), c[4]].join('  ');
    ctx.io.stdout.write(`${sanitizeLine(line.trimEnd())}\n`);
  }
}

/** The profile must be in our store; a fibe CLI profile is read-only here. */
async function requireOwnProfile(ctx: Context, name: string) {
  const book = await loadProfiles(ctx.env);
  const found = book.profiles.find((p) => p.name === name);
  if (found) return { found, book };
  const theirs = await loadFibeCliProfiles(ctx.env);
  if (theirs.profiles.some((p) => p.name === name)) {
    throw new UsageError(
      `profile '${name}' belongs to the official fibe CLI, which fibe-audit only reads`,
      `use it with --profile ${name}, or store a copy with 'fibe-audit auth login --profile ${name}'`,
    );
  }
  const known = book.profiles.map((p) => p.name);
  throw new UsageError(`unknown profile '${name}'`, known.length ? `known profiles: ${known.join(', ')}` : "no profiles stored; run 'fibe-audit auth login'");
}

export async function useProfile(ctx: Context, name: string): Promise<void> {
  const { found } = await requireOwnProfile(ctx, name);
  await setActiveProfile(ctx.env, name);
  ctx.io.stdout.write(`Now using profile '${name}' (${displayDomain(found.domain)}, key ${maskKey(found.apiKey)})\n`);
}

export async function logout(ctx: Context, globals: GlobalOptions): Promise<void> {
  // FIBE_PROFILE is --profile's variable: it names the profile here as everywhere else.
  const name = globals.profile ?? envValue(ctx.env, 'FIBE_PROFILE') ?? (await loadProfiles(ctx.env)).active;
  if (!name) throw new UsageError('no active profile to log out of', 'name one with --profile <name> (see fibe-audit auth list)');
  const { found, book } = await requireOwnProfile(ctx, name);
  const after = await removeProfile(ctx.env, name);
  ctx.io.stdout.write(`Logged out of profile '${name}' (${displayDomain(found.domain)}); its key was removed from ${storePathFor(ctx.env)}\n`);
  if (book.active === name && after.profiles.length > 0) {
    notice(ctx, globals, "no profile is active now; choose one with 'fibe-audit auth use <name>'");
  }
}
