// The process environment and SPEC.md's global options as every layer sees them: plain data, no behaviour.
import type { Zone } from './time/zone.js';

export type Env = Record<string, string | undefined>;

/** Global options of SPEC.md, parsed and validated once (command-kit/globals.ts globalsOf). */
export interface GlobalOptions {
  profile?: string;
  domain?: string;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  tz: Zone;
  /** --max-wait in milliseconds. */
  maxWaitMs: number;
  /** --max-wait as the user wrote it (`0`, `90s`), for messages that quote it back. */
  maxWaitText?: string;
  /** --mirror: a mirror file named explicitly. */
  mirror?: string;
  /** --source / FIBE_AUDIT_SOURCE: where read commands get entries (default auto). */
  source: SourceMode;
}

export const SOURCE_MODES = ['auto', 'api', 'mirror'] as const;
export type SourceMode = (typeof SOURCE_MODES)[number];
