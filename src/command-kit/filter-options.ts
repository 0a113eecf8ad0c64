// The filter flags shared by query, export, actor and summary, and reading them into Filters.
// Values are validated here, after parsing, so every bad value gets the same `--flag: ...` message.
import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';
import { parseActionPattern } from '../model/action-pattern.js';
import { parseActorRef, type ActorRef } from '../model/actor-ref.js';
import type { ActorKind } from '../model/entry.js';
import type { Filters } from '../model/filter.js';
import { resolveWindow } from '../time/parse.js';
import type { Zone } from '../time/zone.js';
import { CHANNELS } from '../model/vocabulary.js';

export const ACTOR_TYPE_CHOICES = ['user', 'api_key', 'genie', 'automation', 'unknown'] as const;

// The API's channels are an open set, but only the documented ones can be asked for: a mistyped one
// would match nothing in silence (commander's choices reject it, and list them in help and completions).
const CHANNEL = /^[a-z][a-z0-9_-]*$/;
// `Trick`, `Trick:3312`, namespaced `Billing::Invoice:7`, or snake case `webhook_endpoint`.
const RESOURCE = /^([A-Za-z][A-Za-z0-9_]*(?:::[A-Za-z][A-Za-z0-9_]*)*)(?::(\d+))?$/;

// No default value: an absent flag stays undefined, and help shows no "(default: [])".
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function collectActorType(value: string, previous: string[] | undefined): string[] {
  const kind = value.trim().toLowerCase();
  if (!(ACTOR_TYPE_CHOICES as readonly string[]).includes(kind)) {
    throw new InvalidArgumentError(`Allowed choices are ${ACTOR_TYPE_CHOICES.join(', ')}.`);
  }
  return [...(previous ?? []), kind];
}

/** One of the documented channels, in any case (`API` is `api`); commander's choices list them in help. */
function readChannel(value: string): string {
  const channel = value.trim().toLowerCase();
  if (!(CHANNELS as readonly string[]).includes(channel)) throw new InvalidArgumentError(`Allowed choices are ${CHANNELS.join(', ')}.`);
  return channel;
}

export interface FilterOptionsHelp {
  /** How the command's default window reads in help, e.g. 'the last 7 days'. */
  sinceDefault?: string;
}

/** Adds --action, --actor, --actor-type, --resource, --channel, --search, --since, --until. */
export function addFilterOptions<C extends Command<any, any, any>>(cmd: C, help: FilterOptionsHelp = {}): C {
  const actorType = new Option('--actor-type <kind>', 'kind of actor, repeatable (OR)')
    .choices(ACTOR_TYPE_CHOICES)
    .argParser(collectActorType);
  cmd
    .option('--action <pattern>', 'action, repeatable (OR): exact trick.destroyed, prefix playground.*, glob *.destroyed', collect)
    .option(
      '--actor <ref>',
      'actor, repeatable (OR): user:<id>, key:<id>, key:<label> (quote labels with spaces), genie:<key id or label>, automation:<name>',
      collect,
    )
    .addOption(actorType)
    .option('--resource <Type[:id]>', 'resource type, optionally one id, e.g. Trick or Trick:3312')
    .addOption(new Option('--channel <name>', 'channel the action came through').choices(CHANNELS).argParser(readChannel))
    .option('--search <text>', 'case-insensitive text in the action, resource name or metadata')
    .option(
      '--since <time>',
      `window start: 90s, 15m, 24h, 7d, 2w, 1d12h, now, today, yesterday, 2026-11-25, 2026-11-25T14:00, ISO instant${help.sinceDefault ? ` (default: ${help.sinceDefault})` : ''}`,
    )
    .option('--until <time>', 'window end, same forms; a bare date, today or yesterday means the end of that day (default: now)');
  return cmd;
}

function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

function optionalText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** snake_case as typed (`webhook_endpoint`) becomes the wire's class name (`WebhookEndpoint`). */
function classNameOf(type: string): string {
  if (/[A-Z]/.test(type)) return type;
  return type
    .split('::')
    .map((part) => part.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''))
    .join('::');
}

/** Reads `--resource <Type>[:<id>]`; the type is compared exactly, as the API does. */
export function parseResourceFilter(text: string): { type: string; id?: number } {
  const m = RESOURCE.exec(text.trim());
  const id = m?.[2] === undefined ? undefined : Number(m[2]);
  if (!m || (id !== undefined && (!Number.isSafeInteger(id) || id < 1))) {
    throw new UsageError(`--resource: cannot read '${text}' (use <Type> or <Type>:<id>, e.g. Trick or Trick:3312)`);
  }
  const type = classNameOf(m[1] as string);
  return id === undefined ? { type } : { type, id };
}

function readActorRefs(values: string[]): ActorRef[] {
  return values.map((v) => {
    try {
      return parseActorRef(v);
    } catch (err) {
      if (err instanceof UsageError) throw new UsageError(`--actor: ${err.message}`, err.hint);
      throw err;
    }
  });
}

function readActorTypes(values: string[]): ActorKind[] {
  const kinds: ActorKind[] = [];
  for (const v of values) {
    const kind = v.trim().toLowerCase();
    if (!(ACTOR_TYPE_CHOICES as readonly string[]).includes(kind)) {
      throw new UsageError(`--actor-type: unknown kind '${v}' (use ${ACTOR_TYPE_CHOICES.join(', ')})`);
    }
    if (!kinds.includes(kind as ActorKind)) kinds.push(kind as ActorKind);
  }
  return kinds;
}

/** Turns parsed commander options into Filters; UsageError naming the flag on any bad value. */
export function readFilters(
  opts: Record<string, unknown>,
  env: { now: Date; zone: Zone; defaultSince: string | null },
): Filters {
  const filters: Filters = {
    actions: listOf(opts.action).map(parseActionPattern),
    actors: readActorRefs(listOf(opts.actor)),
    actorTypes: readActorTypes(listOf(opts.actorType)),
    window: resolveWindow({
      ...(opts.since !== undefined ? { since: String(opts.since) } : {}),
      ...(opts.until !== undefined ? { until: String(opts.until) } : {}),
      now: env.now,
      zone: env.zone,
      defaultSince: env.defaultSince,
    }),
  };
  const resource = optionalText(opts.resource);
  if (resource !== undefined) filters.resource = parseResourceFilter(resource);
  const channel = optionalText(opts.channel);
  if (channel !== undefined) {
    const c = channel.trim().toLowerCase();
    if (!CHANNEL.test(c)) throw new UsageError(`--channel: cannot read '${channel}' (use api, ui, system or webhook)`);
    filters.channel = c;
  }
  const search = optionalText(opts.search);
  if (search !== undefined) {
    if (search.trim() === '') throw new UsageError('--search: empty text (give the text to look for)');
    filters.search = search;
  }
  return filters;
}
