import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { paintAction, renderTable, type TableStyle } from '../../src/render/table.js';
import { layoutEntryTable, renderEntryTable } from '../../src/render/entry-table.js';
import { displayWidth } from '../../src/render/width.js';
import type { Entry } from '../../src/model/entry.js';
import { HOSTILE, HOSTILE_SHOWN, makeEntry } from './fixtures.js';

const UTC = { name: 'UTC', input: 'UTC' };
const BERLIN = { name: 'Europe/Berlin', input: 'Europe/Berlin' };
const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });

const tty: TableStyle = { color: plain, tty: true, width: 120, zone: UTC, now: new Date('2026-11-26T12:00:00Z') };
const piped: TableStyle = { ...tty, tty: false };

const entries: Entry[] = [
  makeEntry(),
  makeEntry({
    id: 90413,
    created_at: '2026-11-26T11:59:15Z',
    action: 'secret.created',
    channel: 'ui',
    resource_type: 'Secret',
    resource_id: 9,
    metadata: { resource_name: 'DB_PASSWORD' },
    actor: { kind: 'user', id: 77, label: null },
  }),
  makeEntry({
    id: 7,
    created_at: '2026-11-24T12:00:00Z',
    action: 'playground.playguard.recovered',
    channel: 'system',
    actor_type: 'Playguard',
    actor_id: null,
    resource_type: 'Playground',
    resource_id: 41,
    metadata: { resource_name: 'demo' },
    actor: { kind: 'automation', id: null, label: 'Playguard' },
  }),
  makeEntry({
    id: 1234,
    created_at: '2026-11-26T11:59:58Z',
    action: 'job_env.updated',
    resource_type: null,
    resource_id: null,
    metadata: null,
    actor: { kind: 'genie', id: 21, label: 'triage-bot' },
  }),
];

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('renderEntryTable on a terminal', () => {
  const widthOf = (out: string) => Math.max(...out.trimEnd().split('\n').map(displayWidth));

  it('120 columns: relative and absolute time; names give way, never a kind or #id', () => {
    const out = renderEntryTable(entries, tty);
    expect(out).toBe(
      lines(
        'TIME                                 ACTION                 ACTOR                  CHANNEL  RESOURCE                  ID',
        '2h 59m ago  2026-11-26 09:00:00 UTC  trick.destroyed        key "GitHub Act…" #15  api      Trick #3312 nightly-…  90412',
        '45s ago     2026-11-26 11:59:15 UTC  secret.created         user #77               ui       Secret #9 DB_PASSWORD  90413',
        '2d ago      2026-11-24 12:00:00 UTC  playground….recovered  automation Playguard   system   Playground #41 demo        7',
        'just now    2026-11-26 11:59:58 UTC  job_env.updated        genie "triage-b…" #21  api                              1234',
      ),
    );
    expect(widthOf(out)).toBeLessThanOrEqual(120);
  });

  it('leaves a table that fits as it is', () => {
    expect(renderEntryTable(entries.slice(0, 2), { ...tty, width: 200 })).toBe(
      lines(
        'TIME                                 ACTION           ACTOR                        CHANNEL  RESOURCE                     ID',
        '2h 59m ago  2026-11-26 09:00:00 UTC  trick.destroyed  key "GitHub Actions CI" #15  api      Trick #3312 nightly-seed  90412',
        '45s ago     2026-11-26 11:59:15 UTC  secret.created   user #77                     ui       Secret #9 DB_PASSWORD     90413',
      ),
    );
  });

  it('80 columns: relative time only, names cut first, the action keeps its verb', () => {
    const out = renderEntryTable(entries, { ...tty, width: 80 });
    expect(out).toBe(
      lines(
        'TIME        ACTION          ACTOR                 CHANNEL  RESOURCE           ID',
        '2h 59m ago  tri….destroyed  key "GitHub Ac…" #15  api      Trick #3312 n…  90412',
        '45s ago     secret.created  user #77              ui       Secret #9 DB_…  90413',
        '2d ago      pla….recovered  automation Playguard  system   Playground #41      7',
        'just now    job_e….updated  genie "triage-…" #21  api                       1234',
      ),
    );
    expect(widthOf(out)).toBeLessThanOrEqual(80);
  });

  it('60 columns: the resource goes under the actor, CHANNEL is left out; every #id whole', () => {
    const out = renderEntryTable(entries, { ...tty, width: 60 });
    expect(out).toBe(
      lines(
        'TIME        ACTION               ACTOR / RESOURCE         ID',
        '2h 59m ago  trick.destroyed      key "GitHub Ac…" #15  90412',
        '                                 Trick #3312 nightly…',
        '45s ago     secret.created       user #77              90413',
        '                                 Secret #9 DB_PASSWO…',
        '2d ago      playgrou….recovered  automation Playguard      7',
        '                                 Playground #41 demo',
        'just now    job_env.updated      genie "triage-…" #21   1234',
      ),
    );
    expect(widthOf(out)).toBeLessThanOrEqual(60);
  });

  it('a later chunk of a streamed table (entry-table-stream) keeps the first chunk\'s layout and widths, and prints no header', () => {
    const first = layoutEntryTable(entries, { ...tty, width: 60 });
    // Alone this entry would fit with CHANNEL and no stacking; as a continuation it must not change columns.
    const short = makeEntry({ id: 5, created_at: '2026-11-26T11:59:15Z', action: 'secret.created', channel: 'ui', resource_type: 'Secret', resource_id: 9, metadata: {}, actor: { kind: 'user', id: 77, label: null } });
    expect(renderEntryTable([short], { ...tty, width: 60 })).toContain('CHANNEL');
    const next = layoutEntryTable([short], { ...tty, width: 60 }, { prev: first });
    expect(next.step).toBe(first.step);
    expect(next.text).toBe(lines('45s ago     secret.created       user #77                  5', '                                 Secret #9'));
    next.widths.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(first.widths[i] as number));
  });

  it.each([120, 100, 80, 60, 40, 20])('at %d columns no #id, automation name or entry ID is ever cut', (width) => {
    const out = renderEntryTable(entries, { ...tty, width });
    for (const whole of ['#15', '#3312', '#9', '#77', '#41', '#21', 'automation Playguard', '90412', '90413', ' 7', '1234']) expect(out).toContain(whole);
    expect(out).toMatch(/\.destroyed/);
  });

  it('colours the header bold and the action by its verb when colour is on', () => {
    const out = renderEntryTable(entries.slice(0, 2), { ...tty, color: colour, width: 200 });
    expect(out).toBe(
      lines(
        '\x1b[1mTIME\x1b[22m                                 \x1b[1mACTION\x1b[22m           \x1b[1mACTOR\x1b[22m                        \x1b[1mCHANNEL\x1b[22m  \x1b[1mRESOURCE\x1b[22m                     \x1b[1mID\x1b[22m',
        '2h 59m ago  2026-11-26 09:00:00 UTC  \x1b[31mtrick.destroyed\x1b[39m  key "GitHub Actions CI" #15  api      Trick #3312 nightly-seed  90412',
        '45s ago     2026-11-26 11:59:15 UTC  \x1b[32msecret.created\x1b[39m   user #77                     ui       Secret #9 DB_PASSWORD     90413',
      ),
    );
  });

  it('colours the cut text, keeping the escape codes out of the width', () => {
    const out = renderEntryTable(entries.slice(0, 1), { ...tty, color: colour, width: 60 });
    expect(out.split('\n')[1]).toBe('2h 59m ago  \x1b[31mtri….destroyed\x1b[39m  key "GitHu…" #15  api      90412');
  });

  it('has no escape codes when colour is off', () => {
    expect(renderEntryTable(entries, tty)).not.toContain('\x1b');
  });

  it('shows times in the zone asked for', () => {
    const out = renderEntryTable(entries.slice(0, 1), { ...tty, zone: BERLIN, width: 200 });
    expect(out.split('\n')[1]).toBe(
      '2h 59m ago  2026-11-26 10:00:00 CET  trick.destroyed  key "GitHub Actions CI" #15  api      Trick #3312 nightly-seed  90412',
    );
  });
});

describe('renderEntryTable piped', () => {
  it('is plain: absolute time in the zone, nothing cut, aligned by two spaces', () => {
    expect(renderEntryTable(entries, { ...piped, zone: BERLIN, width: 40 })).toBe(
      lines(
        'TIME                     ACTION                          ACTOR                        CHANNEL  RESOURCE                     ID',
        '2026-11-26 10:00:00 CET  trick.destroyed                 key "GitHub Actions CI" #15  api      Trick #3312 nightly-seed  90412',
        '2026-11-26 12:59:15 CET  secret.created                  user #77                     ui       Secret #9 DB_PASSWORD     90413',
        '2026-11-24 13:00:00 CET  playground.playguard.recovered  automation Playguard         system   Playground #41 demo           7',
        '2026-11-26 12:59:58 CET  job_env.updated                 genie "triage-bot" #21       api                                 1234',
      ),
    );
  });

  it('in UTC', () => {
    expect(renderEntryTable(entries.slice(0, 1), piped)).toBe(
      lines(
        'TIME                     ACTION           ACTOR                        CHANNEL  RESOURCE                     ID',
        '2026-11-26 09:00:00 UTC  trick.destroyed  key "GitHub Actions CI" #15  api      Trick #3312 nightly-seed  90412',
      ),
    );
  });

  it('is coloured when the colour decision says so (FORCE_COLOR), the layout unchanged', () => {
    const out = renderEntryTable(entries, { ...piped, color: colour });
    expect(out).toContain('\x1b[31mtrick.destroyed\x1b[39m');
    expect(out.replace(/\x1b\[[0-9;]*m/g, '')).toBe(renderEntryTable(entries, piped));
  });

  it('is empty for no entries (the command prints the notice)', () => {
    expect(renderEntryTable([], piped)).toBe('');
    expect(renderEntryTable([], tty)).toBe('');
  });
});

describe('renderEntryTable with --columns', () => {
  it('shows exactly those columns, headers in capitals, ids right-aligned', () => {
    expect(renderEntryTable(entries, piped, ['id', 'action', 'actor_label', 'metadata'])).toBe(
      lines(
        '   ID  ACTION                          ACTOR_LABEL        METADATA',
        '90412  trick.destroyed                 GitHub Actions CI  {"api_key_id":15,"api_key_label":"GitHub Actions CI","resource_name":"nightly-seed"}',
        '90413  secret.created                                     {"resource_name":"DB_PASSWORD"}',
        '    7  playground.playguard.recovered  Playguard          {"resource_name":"demo"}',
        ' 1234  job_env.updated                 triage-bot',
      ),
    );
  });

  it('cuts free-text columns on a terminal but keeps created_at and id whole', () => {
    const out = renderEntryTable(entries.slice(0, 2), { ...tty, width: 60 }, ['created_at', 'metadata', 'id']);
    expect(out).toBe(
      lines(
        'CREATED_AT                METADATA                        ID',
        '2026-11-26T09:00:00.123Z  {"api_key_id":15,"api_key_…  90412',
        '2026-11-26T11:59:15Z      {"resource_name":"DB_PASSW…  90413',
      ),
    );
    for (const line of out.trimEnd().split('\n')) expect(displayWidth(line)).toBe(60);
  });

  it('colours the action column by verb', () => {
    const out = renderEntryTable(entries.slice(1, 2), { ...tty, color: colour }, ['action']);
    expect(out).toBe(lines('\x1b[1mACTION\x1b[22m', '\x1b[32msecret.created\x1b[39m'));
  });
});

describe('hostile data', () => {
  const evil = makeEntry({
    action: HOSTILE,
    channel: 'api\x1b[2J',
    metadata: { resource_name: HOSTILE, note: HOSTILE },
    actor: { kind: 'api_key', id: 15, label: 'CI\u202eevil' },
  });

  it('is shown escaped in every piped cell', () => {
    expect(renderEntryTable([evil], piped, ['action', 'channel', 'actor_label', 'resource_name', 'metadata'])).toBe(
      lines(
        `ACTION${' '.repeat(HOSTILE_SHOWN.length - 6)}  CHANNEL     ACTOR_LABEL   RESOURCE_NAME${' '.repeat(HOSTILE_SHOWN.length - 13)}  METADATA`,
        `${HOSTILE_SHOWN}  api\\x1b[2J  CI\\u202eevil  ${HOSTILE_SHOWN}  ` +
          '{"resource_name":"\\u001b[31mred\\u001b]8;;http://x\\u0007click\\u001b]8;;\\u0007\\u0007\\r\\u0000\\u202e\\ud800",' +
          '"note":"\\u001b[31mred\\u001b]8;;http://x\\u0007click\\u001b]8;;\\u0007\\u0007\\r\\u0000\\u202e\\ud800"}',
      ),
    );
  });

  it('is escaped before it is measured and cut on a terminal, with colour on', () => {
    const out = renderEntryTable([evil], { ...tty, color: colour, width: 100 });
    const stripped = out.replace(/\x1b\[(?:1|22|31|39)m/g, '');
    expect(stripped).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/);
    expect(stripped).toBe(
      lines(
        'TIME        ACTION                 ACTOR                   CHANNEL     RESOURCE                   ID',
        '2h 59m ago  \\x1b[31mred\\x1b]8;;h…  key "CI\\u202eevil" #15  api\\x1b[2J  Trick #3312 \\x1b[31mr…  90412',
      ),
    );
  });
});

describe('renderTable', () => {
  it('aligns plain rows with per-column alignment', () => {
    const out = renderTable(
      ['ACTION', 'COUNT', ''],
      [
        ['trick.destroyed', '1200', '████'],
        ['secret.created', '7', '▏'],
      ],
      piped,
      { align: ['left', 'right', 'left'] },
    );
    expect(out).toBe(lines('ACTION           COUNT', 'trick.destroyed   1200  ████', 'secret.created       7  ▏'));
  });

  it('measures wide characters as two cells', () => {
    const out = renderTable(['NAME', 'N'], [['日本', '1'], ['abcde', '2']], piped);
    expect(out).toBe(lines('NAME   N', '日本   1', 'abcde  2'));
  });

  it('sanitises headers and cells', () => {
    expect(renderTable(['A\x1b'], [['\x07']], piped)).toBe(lines('A\\x1b', '\\x07'));
  });

  it('cuts only the flexible columns on a terminal', () => {
    const out = renderTable(['KEY', 'VALUE'], [['aaaaaaaaaa', 'bbbbbbbbbb']], { ...tty, width: 20 }, { flex: [1] });
    expect(out).toBe(lines('KEY         VALUE', 'aaaaaaaaaa  bbbbbbb…'));
    // Never below the header's width, even when the line then overflows.
    const narrow = renderTable(['KEY', 'VALUE'], [['aaaaaaaaaa', 'bbbbbbbbbb']], { ...tty, width: 15 }, { flex: [1] });
    expect(narrow).toBe(lines('KEY         VALUE', 'aaaaaaaaaa  bbbb…'));
  });
});

describe('paintAction', () => {
  it.each([
    ['trick.created', '\x1b[32mx\x1b[39m'],
    ['security_key.registered', '\x1b[32mx\x1b[39m'],
    ['two_factor.enabled', '\x1b[32mx\x1b[39m'],
    ['trick.updated', '\x1b[33mx\x1b[39m'],
    ['api_key.rotated', '\x1b[33mx\x1b[39m'],
    ['recovery_codes.regenerated', '\x1b[33mx\x1b[39m'],
    ['trick.destroyed', '\x1b[31mx\x1b[39m'],
    ['session.revoked', '\x1b[31mx\x1b[39m'],
    ['playground.player.deleted', '\x1b[31mx\x1b[39m'],
    ['security_key.removed', '\x1b[31mx\x1b[39m'],
    ['two_factor.disabled', '\x1b[31mx\x1b[39m'],
    ['playground.expired', '\x1b[31mx\x1b[39m'],
    ['playground.playguard.recovered', 'x'],
    ['created.elsewhere', 'x'],
    [42, 'x'],
  ])('%s', (action, expected) => {
    expect(paintAction(colour, action, 'x')).toBe(expected);
  });
});
