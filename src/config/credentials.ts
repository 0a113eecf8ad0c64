// Which key and domain a command uses, in SPEC.md's order: --profile, FIBE_API_KEY, FIBE_PROFILE or
// the active stored profile, the official fibe CLI's active profile; the domain travels with the key.
import type { Env, GlobalOptions } from '../global-options.js';
import { AuthError } from '../errors.js';
import { DEFAULT_DOMAIN, parseDomain } from './domain.js';
import { loadFibeCliProfiles } from './fibe-cli.js';
import { loadProfiles, type StoredProfile } from './store.js';

export type KeySource = 'flag-profile' | 'env' | 'profile' | 'fibe-cli';

export interface ResolvedCredentials {
  apiKey: string;
  /** Origin, e.g. `https://fibe.gg` or `http://127.0.0.1:4010`. */
  origin: string;
  source: KeySource;
  /** Profile name when the key came from a stored (or fibe CLI) profile. */
  profile?: string;
}

const NO_KEY_HINT = "set FIBE_API_KEY or run 'fibe-audit auth login'";

/** An empty variable counts as unset. */
function envValue(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

interface Found {
  profile: StoredProfile;
  fromFibeCli: boolean;
}

/** Our store first, then the fibe CLI's; unknown names fail with the list of known ones. */
async function findProfile(env: Env, name: string, label: string): Promise<Found> {
  const [ours, theirs] = await Promise.all([loadProfiles(env), loadFibeCliProfiles(env)]);
  const own = ours.profiles.find((p) => p.name === name);
  if (own) return { profile: own, fromFibeCli: false };
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

function fromProfile(found: Found, source: KeySource, domainFlag: string | undefined): ResolvedCredentials {
  return { apiKey: found.profile.apiKey, origin: profileOrigin(found, domainFlag), source, profile: found.profile.name };
}

export async function resolveCredentials(
  env: Env,
  globals: Pick<GlobalOptions, 'profile' | 'domain'>,
): Promise<ResolvedCredentials> {
  // --domain is checked before anything else, so a bad value is a usage error even without a key.
  const domainFlag = globals.domain !== undefined ? parseDomain(globals.domain, '--domain') : undefined;

  if (globals.profile) {
    return fromProfile(await findProfile(env, globals.profile, '--profile'), 'flag-profile', domainFlag);
  }

  const envKey = envValue(env, 'FIBE_API_KEY');
  if (envKey) {
    const envDomain = envValue(env, 'FIBE_DOMAIN');
    const origin = domainFlag ?? parseDomain(envDomain ?? DEFAULT_DOMAIN, envDomain ? 'FIBE_DOMAIN' : '--domain');
    return { apiKey: envKey, origin, source: 'env' };
  }

  const envProfile = envValue(env, 'FIBE_PROFILE');
  if (envProfile) return fromProfile(await findProfile(env, envProfile, 'FIBE_PROFILE'), 'profile', domainFlag);

  const ours = await loadProfiles(env);
  const active = ours.profiles.find((p) => p.name === ours.active);
  if (active) return fromProfile({ profile: active, fromFibeCli: false }, 'profile', domainFlag);

  const theirs = await loadFibeCliProfiles(env);
  const cliActive = theirs.profiles.find((p) => p.name === theirs.active);
  if (cliActive) return fromProfile({ profile: cliActive, fromFibeCli: true }, 'fibe-cli', domainFlag);

  throw new AuthError('no API key found', NO_KEY_HINT);
}
