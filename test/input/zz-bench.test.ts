import { it } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { CsvRecordParser } from '../../src/input/csv-reader.js';
import { JsonArrayScanner } from '../../src/input/json-array-reader.js';
import { readExportFile } from '../../src/input/read-export.js';
it('bench', async () => {
  const e = (i: number) => ({ id: i + 1, resource_type: 'Trick', resource_id: 5, action: 'trick.updated', channel: 'api', actor_type: 'Player', actor_id: 77, metadata: { api_key_id: 15, api_key_label: 'GitHub Actions CI', resource_name: `t-${i}`, changes: { name: ['a', 'b'] } }, created_at: '2026-11-25T14:03:11.123Z' });
  const rows = ['id,created_at,action,actor_kind,actor_id,actor_label,actor_type,channel,resource_type,resource_id,resource_name,metadata'];
  const objs = [];
  for (let i = 0; i < 200000; i++) { const x = e(i); objs.push(x); rows.push(`${x.id},${x.created_at},${x.action},api_key,15,GitHub Actions CI,Player,api,Trick,5,t-${i},"${JSON.stringify(x.metadata).replace(/"/g, '""')}"`); }
  writeFileSync('/tmp/big.csv', rows.join('\r\n') + '\r\n');
  writeFileSync('/tmp/big.json', JSON.stringify(objs));
  const csv = readFileSync('/tmp/big.csv', 'utf8'); const json = readFileSync('/tmp/big.json', 'utf8');
  const chunks = (s: string) => { const o = []; for (let i = 0; i < s.length; i += 65536) o.push(s.slice(i, i + 65536)); return o; };
  let t = performance.now(); let n = 0; const p = new CsvRecordParser('x'); for (const c of chunks(csv)) n += p.push(c).length; console.log('csv parse', n, Math.round(performance.now() - t));
  t = performance.now(); n = 0; const q = new JsonArrayScanner('x'); for (const c of chunks(json)) n += q.push(c).length; console.log('json scan', n, Math.round(performance.now() - t));
  t = performance.now(); n = 0; for (const c of chunks(json)) n += c.length; console.log('chunks', n, Math.round(performance.now() - t));
  for (const f of ['/tmp/big.csv', '/tmp/big.json']) {
    t = performance.now(); n = 0;
    for await (const _ of readExportFile(f)) n++;
    console.log(f, n, Math.round(performance.now() - t), 'ms');
  }
}, 120000);
