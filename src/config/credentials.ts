// Which key and domain a command uses, in SPEC.md's order: --profile, FIBE_API_KEY, FIBE_PROFILE or
// the active stored profile, the official fibe CLI's active profile; the domain travels with the key.
import type { Env, GlobalOptions } from '../global-options.js';
import { AuthError } from '../errors.js';
import { DEFAULT_DOMAIN, parseDomain } from './domain.js';
import { describeFibeCliProblems, loadFibeCliProfiles, type FibeCliBook } from './fibe-cli.js';
import { assertUsableKey } from './key-check.js';
import { loadProfiles, storePathFor, type StoredProfile } from './store.js';

export type KeySource = 'flag-profile' | 'env' | 'profile' | 'fibe-cli';

export interface ResolvedCredentials {
  apiKey: string;
  /** Origin, e.g. `https://fibe.gg` or `http://127.0.0.1:4010`. */
  origin: string;
  source: KeySource;
  /** Profile name when the key came from a stored (or fibe CLI) profile. */
  profile?: string;
  /** What chose that profile: the flag, the FIBE_PROFILE variable, or the active-profile setting. */
  selectedBy?: '--profile' | 'FIBE_PROFILE' | 'active';
  /** The profile lives in the official fibe CLI's store (read-only here). */
  fromFibeCli?: boolean;
}

const NO_KEY_HINT = "set FIBE_API_KEY or run 'fibe-audit auth login'";

/** Receives one-line warnings (a broken fibe CLI credentials file); the caller prints them. */
export type Warn = (message: string) => void;

/** An empty variable counts as unset. */
export function envValue(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

interface Found {
  profile: StoredProfile;
  fromFibeCli: boolean;
}

function warnAbout(book: FibeCliBook, warn: Warn | undefined): void {
  const line = describeFibeCliProblems(book);
  if (line && warn) warn(line);
}

/** Our store first, then the fibe CLI's; unknown names fail with the list of known ones. */
async function findProfile(env: Env, name: string, label: string, warn: Warn | undefined): Promise<Found> {
  const [ours, theirs] = await Promise.all([loadProfiles(env), loadFibeCliProfiles(env)]);
  const own = ours.profiles.find((p) => p.name === name);
  if (own) return { profile: own, fromFibeCli: false };
  warnAbout(theirs, warn);
  const cli = theirs.profiles.find((p) => p.name === name);
  if (cli) return { profile: cli, fromFibeCli: true };
  const known = [
    ...ours.profiles.map((p) => p.name),
    ...theirs.profiles.filter((p) => !ours.profiles.some((o) => o.name === p.name)).map((p) => `${p.name} (fibe CLI)`),
  ];
  const hint = known.length
    ? `known profiles: ${known.join(', ')}`
    : `no profiles are stored; run 'fibe-audit auth login --profile ${name}'`;
  throw new AuthError(`${label}: unknown profile '${name}'`, hint);
}

function profileOrigin(found: Found, domainFlag: string | undefined): string {
  if (domainFlag) return domainFlag;
  const { profile, fromFibeCli } = found;
  const label = `${fromFibeCli ? 'fibe CLI ' : ''}profile '${profile.name}' domain`;
  return parseDomain(profile.domain || DEFAULT_DOMAIN, label);
}

function fromProfile(env: Env, found: Found, source: KeySource, selectedBy: ResolvedCredentials['selectedBy'], domainFlag: string | undefined): ResolvedCredentials {
  const store = found.fromFibeCli ? 'the fibe CLI credentials file' : storePathFor(env);
  const apiKey = assertUsableKey(found.profile.apiKey, `profile '${found.profile.name}' (${store})`);
  return {
    apiKey,
    origin: profileOrigin(found, domainFlag),
    source,
    profile: found.profile.name,
    ...(selectedBy ? { selectedBy } : {}),
    ...(found.fromFibeCli ? { fromFibeCli: true } : {}),
  };
}

export async function resolveCredentials(
  env: Env,
  globals: Pick<GlobalOptions, 'profile' | 'domain'>,
  warn?: Warn,
): Promise<ResolvedCredentials> {
  // --domain is checked before anything else, so a bad value is a usage error even without a key.
  const domainFlag = globals.domain !== undefined ? parseDomain(globals.domain, '--domain') : undefined;

  if (globals.profile) {
    return fromProfile(env, await findProfile(env, globals.profile, '--profile', warn), 'flag-profile', '--profile', domainFlag);
  }

  const envKey = envValue(env, 'FIBE_API_KEY');
  if (envKey) {
    const envDomain = envValue(env, 'FIBE_DOMAIN');
    const origin = domainFlag ?? parseDomain(envDomain ?? DEFAULT_DOMAIN, envDomain ? 'FIBE_DOMAIN' : '--domain');
    return { apiKey: assertUsableKey(envKey, 'FIBE_API_KEY'), origin, source: 'env' };
  }

  const envProfile = envValue(env, 'FIBE_PROFILE');
  if (envProfile) return fromProfile(env, await findProfile(env, envProfile, 'FIBE_PROFILE', warn), 'profile', 'FIBE_PROFILE', domainFlag);

  const ours = await loadProfiles(env);
  const active = ours.profiles.find((p) => p.name === ours.active);
  if (active) return fromProfile(env, { profile: active, fromFibeCli: false }, 'profile', 'active', domainFlag);

  const theirs = await loadFibeCliProfiles(env);
  warnAbout(theirs, warn);
  const cliActive = theirs.profiles.find((p) => p.name === theirs.active);
  if (cliActive) return fromProfile(env, { profile: cliActive, fromFibeCli: true }, 'fibe-cli', 'active', domainFlag);

  throw new AuthError('no API key found', NO_KEY_HINT);
}

/** The source in words, as `auth status` shows it: which setting chose the key, and from which store. */
export function describeSource(creds: ResolvedCredentials): string {
  const store = creds.fromFibeCli ? ", a profile of the official fibe CLI" : '';
  switch (creds.source) {
    case 'env':
      return 'FIBE_API_KEY';
    case 'flag-profile':
      return `the --profile flag${store}`;
    case 'fibe-cli':
      return "the official fibe CLI's active profile";
    default:
      return creds.selectedBy === 'FIBE_PROFILE' ? `FIBE_PROFILE=${creds.profile ?? ''}${store}` : 'the active stored profile';
  }
}
