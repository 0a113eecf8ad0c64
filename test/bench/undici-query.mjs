// The floor for `fibe-audit query --limit 25 -o ndjson` on the chosen HTTP stack: import undici, make the
// same one request (same URL, query and headers as the CLI's first page), print the ids, exit.
import { request } from 'undici';

const origin = process.env.FIBE_DOMAIN;
const key = process.env.FIBE_API_KEY;
const limit = Number(process.env.BENCH_QUERY_LIMIT ?? 25);
const end = Date.now();
const url = new URL('/api/audit_logs', origin);
url.searchParams.set('sort', 'created_at_desc');
url.searchParams.set('per_page', String(limit + 1));
url.searchParams.set('created_after', new Date(end - 7 * 86_400_000).toISOString());
url.searchParams.set('created_before', new Date(end).toISOString());
url.searchParams.set('page', '1');
const res = await request(url, {
  headers: { 'user-agent': 'fibe-audit-bench', accept: 'application/json', authorization: `Bearer ${key}` },
});
const body = await res.body.json();
if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
process.stdout.write(body.data.slice(0, limit).map((e) => `${e.id}\n`).join(''));
