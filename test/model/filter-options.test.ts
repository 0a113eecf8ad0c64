// Tests src/command-kit/filter-options.ts: the shared filter flags, parsed by commander, read into Filters.
import { describe, expect, it } from 'vitest';
import { Command, CommanderError } from '@commander-js/extra-typings';
import { UsageError } from '../../src/errors.js';
import { addFilterOptions, parseResourceFilter, readFilters } from '../../src/command-kit/filter-options.js';
import { buildServerQuery } from '../../src/api/filter-query.js';
import type { Zone } from '../../src/time/zone.js';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const BERLIN: Zone = { name: 'Europe/Berlin', input: 'Europe/Berlin' };
const ENV = { now: NOW, zone: BERLIN, defaultSince: '7d' as string | null };

function command() {
  const errors: string[] = [];
  const cmd = addFilterOptions(new Command('query'), { sinceDefault: 'the last 7 days' })
    .exitOverride()
    .configureOutput({ writeErr: (s) => errors.push(s), writeOut: () => undefined });
  return { cmd, errors };
}

function read(argv: string[], env = ENV) {
  const { cmd } = command();
  cmd.parse(argv, { from: 'user' });
  return readFilters(cmd.opts() as Record<string, unknown>, env);
}

describe('addFilterOptions + readFilters', () => {
  it('no flags: the default window, nothing else', () => {
    const f = read([]);
    expect(f).toEqual({
      actions: [],
      actors: [],
      actorTypes: [],
      window: { start: new Date('2026-11-19T12:00:00.000Z'), end: NOW },
    });
  });

  it('reads every flag, repeats collected', () => {
    const f = read([
      '--action', 'trick.destroyed',
      '--action', 'playground.*',
      '--actor', 'key:15',
      '--actor', 'key:"GitHub Actions CI"',
      '--actor-type', 'api_key',
      '--actor-type', 'genie',
      '--actor-type', 'genie',
      '--resource', 'Trick:3312',
      '--channel', 'API',
      '--search', 'nightly',
      '--since', '2026-11-25',
      '--until', '2026-11-25',
    ]);
    expect(f.actions.map((a) => [a.text, a.kind])).toEqual([['trick.destroyed', 'exact'], ['playground.*', 'prefix']]);
    expect(f.actors.map((r) => [r.kind, r.by, r.value])).toEqual([['key', 'id', '15'], ['key', 'label', 'GitHub Actions CI']]);
    expect(f.actorTypes).toEqual(['api_key', 'genie']);
    expect(f.resource).toEqual({ type: 'Trick', id: 3312 });
    expect(f.channel).toBe('api');
    expect(f.search).toBe('nightly');
    // A bare date in --until is the end of that day in the zone (Berlin, UTC+1).
    expect(f.window.start?.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(f.window.end.toISOString()).toBe('2026-11-25T22:59:59.999Z');
    expect(buildServerQuery(f)).toEqual({
      resource_type: 'Trick',
      channel: 'api',
      created_after: '2026-11-24T23:00:00.000Z',
      created_before: '2026-11-25T22:59:59.999999Z',
    });
  });

  it('a null default is the whole log', () => {
    expect(read([], { ...ENV, defaultSince: null }).window.start).toBeNull();
  });

  it('help names the accepted forms and the choices', () => {
    const help = command().cmd.helpInformation().replace(/\s+/g, ' ');
    for (const text of [
      '--action <pattern>',
      'prefix playground.*',
      'glob *.destroyed',
      'key:<label>',
      'automation:<name>',
      '--actor-type <kind>',
      'choices: "user", "api_key", "genie", "automation"',
      '--resource <Type[:id]>',
      'Trick:3312',
      'choices: "api", "ui", "system", "webhook"',
      '--search <text>',
      '1d12h',
      'yesterday',
      'default: the last 7 days',
      'end of that day',
    ]) {
      expect(help).toContain(text);
    }
  });

  it('takes --actor-type unknown: the kind the tables and summary name for actors no style describes', () => {
    const { cmd } = command();
    cmd.parse(['--actor-type', 'unknown'], { from: 'user' });
    expect((cmd.opts() as { actorType?: string[] }).actorType).toEqual(['unknown']);
  });

  it('refuses an unknown --actor-type at parse time', () => {
    const { cmd, errors } = command();
    expect(() => cmd.parse(['--actor-type', 'robot'], { from: 'user' })).toThrow(CommanderError);
    expect(errors.join('')).toContain("argument 'robot' is invalid. Allowed choices are user, api_key, genie, automation, unknown.");
  });

  it.each(['bogus', 'web hook', ''])('refuses --channel %j at parse time: only the documented channels', (value) => {
    const { cmd, errors } = command();
    expect(() => cmd.parse(['--channel', value], { from: 'user' })).toThrow(CommanderError);
    expect(errors.join('')).toContain(`argument '${value}' is invalid. Allowed choices are api, ui, system, webhook.`);
  });

  it.each([
    [['--action', 'trick destroyed'], /^--action: cannot read 'trick destroyed' as an action pattern \(use /],
    [['--action', ''], /^--action: empty pattern/],
    [['--actor', 'robot:1'], /^--actor: cannot read actor 'robot:1': unknown kind 'robot' \(use user:<id>/],
    [['--actor', 'user:abc'], /^--actor: cannot read actor 'user:abc': user ids are numeric/],
    [['--actor', 'key:"open'], /^--actor: cannot read actor 'key:"open': unterminated quote/],
    [['--resource', 'Trick:abc'], /^--resource: cannot read 'Trick:abc' \(use <Type> or <Type>:<id>/],
    [['--resource', ''], /^--resource: cannot read ''/],
    [['--resource', 'Trick:0'], /^--resource: cannot read 'Trick:0'/],
    [['--search', ''], /^--search: empty text/],
    [['--since', '3 days'], /^--since: cannot read '3 days' as a time \(use 90s/],
    [['--until', 'later'], /^--until: cannot read 'later' as a time/],
    [['--since', 'today', '--until', 'yesterday'], /^--since 'today' \(.*\) must be before --until 'yesterday'/],
  ])('%j is a usage error', (argv, message) => {
    let caught: unknown;
    try {
      read(argv);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('validates actor types handed in without commander', () => {
    expect(() => readFilters({ actorType: ['user', 'bogus'] }, ENV)).toThrow(
      "--actor-type: unknown kind 'bogus' (use user, api_key, genie, automation, unknown)",
    );
    expect(readFilters({ actorType: 'Genie' }, ENV).actorTypes).toEqual(['genie']);
  });
});

describe('parseResourceFilter', () => {
  it.each([
    ['Trick', { type: 'Trick' }],
    ['Trick:3312', { type: 'Trick', id: 3312 }],
    ['trick', { type: 'Trick' }],
    ['webhook_endpoint:4', { type: 'WebhookEndpoint', id: 4 }],
    ['WebhookEndpoint', { type: 'WebhookEndpoint' }],
    ['Billing::Invoice:7', { type: 'Billing::Invoice', id: 7 }],
    [' Secret ', { type: 'Secret' }],
  ])('%j', (text, expected) => {
    expect(parseResourceFilter(text)).toEqual(expected);
  });
});
