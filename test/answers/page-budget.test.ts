// Requests are the budget: a read with client-side filters asks for full pages, and a limited query
// stops as soon as it holds limit + 1 matches. Counted on the emulator's request log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry } from '../../src/model/entry.js';

let emu: Emulator;
const env = () => ({ FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url });
const DAY = 86_400_000;

beforeAll(async () => {
  emu = await startEmulator({ entries: 30_000, seed: 5, now: FIXED_NOW });
});
afterAll(async () => {
  await emu.close();
});

/** Runs the CLI and returns the audit_logs requests it made. */
async function auditRequests(argv: string[]) {
  const before = emu.requests.length;
  const r = await runCli(argv, { env: env() });
  expect(r.exitCode).toBe(0);
  return { r, pages: emu.requests.slice(before).filter((q) => q.path === '/api/audit_logs') };
}

const inLastDays = (days: number) => [...emu.data.entries()].filter((e) => Date.parse(e.created_at) >= FIXED_NOW.getTime() - days * DAY);

describe('page sizes and early stops', () => {
  it('query --search zzzznotfound --since 30d: full pages, one request per 100 entries of the window', async () => {
    const total = inLastDays(30).length;
    const { r, pages } = await auditRequests(['query', '--search', 'zzzznotfound', '--since', '30d']);
    expect(r.stdout).toBe('');
    expect(pages.every((q) => q.query.per_page === '100')).toBe(true);
    expect(pages.length).toBe(Math.ceil(total / 100));
  });

  it('a limited query the server decides alone asks for one page of limit + 1', async () => {
    const { pages } = await auditRequests(['query', '--limit', '10', '--since', '30d']);
    expect(pages.map((q) => q.query.per_page)).toEqual(['11']);
  });

  it('a limited query with a client-side filter stops at the page that holds limit + 1 matches', async () => {
    const newest = inLastDays(30)
      .map((e) => withActor(e as AuditEntry))
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
    const user = newest.find((e) => e.actor.kind === 'user')!.actor.id;
    const matchAt = newest.flatMap((e, i) => (e.actor.kind === 'user' && e.actor.id === user ? [i] : []));
    const { r, pages } = await auditRequests(['query', '--actor', `user:${user}`, '--limit', '5', '--since', '30d', '-o', 'ndjson']);
    expect(r.stdout.trim().split('\n')).toHaveLength(5);
    expect(pages.every((q) => q.query.per_page === '100')).toBe(true);
    // The sixth match (the look-ahead) is on page floor(index / 100) + 1; nothing after it is fetched.
    expect(pages.length).toBe(Math.floor((matchAt[5] as number) / 100) + 1);
  });

  it('query --actor key:<id> -o ndjson asks for no key list: the id is all the filter needs', async () => {
    const before = emu.requests.length;
    const r = await runCli(['query', '--actor', 'key:15', '--limit', '3', '-o', 'ndjson'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(emu.requests.slice(before).filter((q) => q.path === '/api/api_keys')).toHaveLength(0);
  });
});
