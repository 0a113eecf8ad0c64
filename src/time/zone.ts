// The display/parsing zone of --tz: `UTC`, `local` or an IANA name, validated once.

export interface Zone {
  /** IANA name or `UTC`; `local` is resolved to the machine's zone name. */
  name: string;
  /** What the user typed, for messages. */
  input: string;
}

export function localZoneName(env: Record<string, string | undefined>): string {
  if (env.TZ) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: env.TZ });
      return env.TZ;
    } catch {
      // fall through to the runtime's view
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Returns the zone, or undefined when the name is not a zone this runtime knows. */
export function resolveZone(input: string, env: Record<string, string | undefined>): Zone | undefined {
  const trimmed = input.trim();
  if (trimmed.toLowerCase() === 'local') return { name: localZoneName(env), input: trimmed };
  if (trimmed.toUpperCase() === 'UTC' || trimmed.toUpperCase() === 'Z') return { name: 'UTC', input: trimmed };
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
    return { name, input: trimmed };
  } catch {
    return undefined;
  }
}

/** The UTC zone as a value, for machine output and tests. */
export const UTC_ZONE: Zone = Object.freeze({ name: 'UTC', input: 'UTC' });

/** True when the zone is UTC under any spelling (`UTC`, `Etc/UTC`, `Z`...). */
export function isUtcZone(zone: Zone): boolean {
  return zone.name === 'UTC' || zone.name === 'Etc/UTC' || zone.name === 'Etc/Zulu' || zone.name === 'Zulu';
}
