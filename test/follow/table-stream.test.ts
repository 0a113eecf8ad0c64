// The follow table: query's layout, header once, the first rows' columns kept by later rows (cut only on a terminal).
import { describe, expect, it } from 'vitest';
import { chalkFor } from '../../src/io.js';
import { createEntryTableStream } from '../../src/render/table-stream.js';
import { resolveZone } from '../../src/time/zone.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';

const zone = resolveZone('UTC', {})!;
const entry = (id: number, action: string, name: string): Entry =>
  withActor({ id, action, resource_type: 'Trick', resource_id: id, channel: 'api', actor_type: 'Player', actor_id: 77, metadata: { resource_name: name }, created_at: '2026-11-26T12:00:0' + (id % 10) + 'Z' } as AuditEntry);
const style = (tty: boolean, width = 100) => ({ color: chalkFor(false), tty, width, zone, now: new Date('2026-11-26T12:00:00Z') });

describe('createEntryTableStream', () => {
  it('prints the header with the first rows only, and keeps the columns for later rows', () => {
    const table = createEntryTableStream(style(false));
    const first = table.write([entry(1, 'trick.created', 'a')]);
    const later = table.write([entry(2, 'trick.destroyed', 'b'), entry(3, 'playground.updated', 'c')]);
    expect(first.split('\n')[0]).toMatch(/^TIME\s+ACTION\s+ACTOR\s+CHANNEL\s+RESOURCE\s+ID$/);
    expect(later).not.toContain('TIME');
    const lines = [...first.trimEnd().split('\n'), ...later.trimEnd().split('\n')];
    expect(lines[1]).toMatch(/^2026-11-26 12:00:01 UTC\s+trick\.created\s+user #77\s+api\s+Trick #1 a\s+1$/);
    // Same columns (query's table, continued): ACTION starts at the same place on every row; a later,
    // longer action widens its column from its batch on (aligned within it), never narrows one.
    const actionAt = lines.map((l) => l.indexOf('trick.') >= 0 ? l.indexOf('trick.') : l.indexOf('playground.'));
    expect(new Set(actionAt.slice(1)).size).toBe(1);
    expect(lines[2]?.length).toBe(lines[3]?.length);
    expect(lines[2]!.length).toBeGreaterThan(lines[1]!.length);
    expect(table.write([])).toBe('');
  });

  it('cuts a long cell to the column on a terminal, never when piped; hostile text is escaped', () => {
    const long = 'x'.repeat(80);
    const tty = createEntryTableStream(style(true, 90));
    tty.write([entry(1, 'trick.created', 'a')]);
    const row = tty.write([entry(2, 'trick.created', `${long}\x1b[31m`)]);
    expect(row.trimEnd().length).toBeLessThanOrEqual(90);
    expect(row).toContain('…');
    expect(row).not.toContain('\x1b');
    const piped = createEntryTableStream(style(false));
    piped.write([entry(1, 'trick.created', 'a')]);
    const whole = piped.write([entry(2, 'trick.created', `${long}\u202e`)]);
    expect(whole).toContain(long);
    expect(whole).toContain('\\u202e');
  });

  it("never runs past the terminal: a batch that fits only with other columns starts a table of its own", () => {
    const automation = (id: number): Entry =>
      withActor({ id, action: 'playground.playguard.recovered', resource_type: 'Playground', resource_id: 3445, channel: 'system', actor_type: 'Playguard', actor_id: null, metadata: { resource_name: 'auth-staging' }, created_at: '2026-11-26T12:00:02Z' } as AuditEntry);
    const key = (id: number): Entry =>
      withActor({ id, action: 'template.updated', resource_type: 'Template', resource_id: 169, channel: 'api', actor_type: 'ApiKey', actor_id: 23, metadata: { api_key_id: 23, api_key_label: 'docs-genie', agent_accessible: true }, created_at: '2026-11-26T12:00:01Z' } as AuditEntry);
    for (const width of [60, 80]) {
      const table = createEntryTableStream(style(true, width));
      const text = table.write([key(330525)]) + table.write([automation(330527), key(330528)]) + table.write([key(330529)]);
      for (const line of text.trimEnd().split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
      // Every id whole, at the end of its row.
      for (const id of [330525, 330527, 330528, 330529]) expect(text).toMatch(new RegExp(`\\s${id}\\n`));
    }
  });

  it('--columns: exactly those, in that order', () => {
    const table = createEntryTableStream(style(false), ['id', 'action']);
    expect(table.write([entry(5, 'secret.rotated', 'k')])).toBe('ID  ACTION\n 5  secret.rotated\n');
  });
});
