// The global options of the command being run, read and validated once: colour, zone, wait limit.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { SOURCE_MODES, type GlobalOptions, type SourceMode } from '../global-options.js';
import { applyColor } from '../io.js';
import { parseDuration } from '../time/duration.js';
import { resolveZone } from '../time/zone.js';

/**
 * Reads and validates the global options of the command being run. Every command calls this
 * first, so colour, zone and wait limits are settled before anything is printed.
 */
export function globalsOf(cmd: { optsWithGlobals(): Record<string, unknown> }, ctx: Context): GlobalOptions {
  const o = cmd.optsWithGlobals() as {
    profile?: string;
    domain?: string;
    color?: boolean;
    quiet?: boolean;
    verbose?: boolean;
    tz?: string;
    maxWait?: string;
    mirror?: string;
    source?: SourceMode;
  };
  const color = o.color !== false;
  applyColor(ctx.io, !color, ctx.env);
  const tzInput = o.tz ?? (ctx.env.FIBE_AUDIT_TZ || 'local');
  const tz = resolveZone(tzInput, ctx.env);
  if (!tz) {
    // Name where the value came from: a bad FIBE_AUDIT_TZ is fixed in the environment, not on the command line.
    const from = o.tz !== undefined ? '--tz' : 'FIBE_AUDIT_TZ';
    throw new UsageError(`${from}: unknown time zone '${tzInput}'`, 'use UTC, local or an IANA zone such as Europe/Berlin');
  }
  const maxWaitText = (o.maxWait ?? '15m').trim();
  // A bare `0` (never wait) is no duration to parseDuration; program.ts's parser let only it through.
  const maxWaitMs = maxWaitText === '0' ? 0 : (parseDuration(maxWaitText) as number);
  const sourceInput = o.source ?? (ctx.env.FIBE_AUDIT_SOURCE || 'auto');
  if (!(SOURCE_MODES as readonly string[]).includes(sourceInput)) {
    throw new UsageError(`FIBE_AUDIT_SOURCE: '${sourceInput}' is not a source`, 'use auto, api or mirror');
  }
  return {
    ...(o.profile !== undefined ? { profile: o.profile } : {}),
    ...(o.domain !== undefined ? { domain: o.domain } : {}),
    ...(o.mirror !== undefined ? { mirror: o.mirror } : {}),
    color,
    quiet: Boolean(o.quiet),
    verbose: Boolean(o.verbose),
    tz,
    maxWaitMs,
    maxWaitText,
    source: sourceInput as SourceMode,
  };
}
