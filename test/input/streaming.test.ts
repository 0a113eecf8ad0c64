// Constant memory: entries come out while the file is still being written, so nothing waits for the whole file.
import { execFileSync } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readExportFile } from '../../src/input/read-export.js';
import { tempDir } from '../helpers/run-cli.js';

const dir = tempDir('fibe-audit-stream-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOTAL = 200_000;
const FIRST_PART = 1_000;

function line(id: number): string {
  return JSON.stringify({
    id, resource_type: 'Trick', resource_id: id % 997, action: 'trick.updated', channel: 'api',
    actor_type: 'Player', actor_id: 77, metadata: { api_key_id: 15, resource_name: `t-${id}` },
    created_at: '2026-11-25T14:03:11.123Z',
  });
}

async function writeLines(out: Writable, from: number, to: number): Promise<void> {
  const batch: string[] = [];
  for (let id = from; id <= to; id++) {
    batch.push(line(id));
    if (batch.length === 500 || id === to) {
      if (!out.write(batch.join('\n') + '\n')) await once(out, 'drain');
      batch.length = 0;
    }
  }
}

describe('streaming', () => {
  it(`yields the first of ${TOTAL} NDJSON entries before the rest of the file exists`, async () => {
    // A named pipe: the writer only sends the rest after the reader has produced an entry, so a reader
    // that read the whole file first would wait forever (and the test time out) instead of passing.
    const fifo = join(dir, 'live.ndjson');
    execFileSync('mkfifo', [fifo]);
    const out = createWriteStream(fifo);
    const entries = readExportFile(fifo);
    const first = entries.next();
    await writeLines(out, 1, FIRST_PART);
    expect((await first).value?.id).toBe(1);

    const writing = writeLines(out, FIRST_PART + 1, TOTAL).then(() => out.end());
    let count = 1;
    let lastId = 1;
    let ordered = true;
    for await (const e of entries) {
      count += 1;
      if (e.id !== lastId + 1) ordered = false;
      lastId = e.id;
    }
    await writing;
    expect({ count, lastId, ordered }).toEqual({ count: TOTAL, lastId: TOTAL, ordered: true });
  });
});
