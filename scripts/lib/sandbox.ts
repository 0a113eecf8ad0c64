// What the demo and the README screenshot share: the emulator with sample data, a private config and
// data directory (no real credentials are read or written), and the built CLI run against them.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../test/emulator/index.js';

const BIN = fileURLToPath(new URL('../../bin/fibe-audit.js', import.meta.url));

export interface Sandbox {
  emulator: Emulator;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Runs the built CLI; stdout inherited, or captured and returned. */
  run(args: string[], capture?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function openSandbox(name: string, now?: Date): Promise<Sandbox> {
  const emulator = await startEmulator({ entries: 20_000, seed: 1, ...(now ? { now } : {}) });
  const home = mkdtempSync(join(tmpdir(), `fibe-audit-${name}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FIBE_API_KEY: emulator.keys.full,
    FIBE_DOMAIN: emulator.url,
    FIBE_AUDIT_CONFIG_DIR: join(home, 'config'),
    XDG_CONFIG_HOME: join(home, 'xdg'),
    FIBE_PROFILE: '',
    FIBE_AUDIT_DATA_DIR: join(home, 'data'),
  };
  const run = (args: string[], capture = false) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`fibe-audit ${args[0]} exited ${code}`))));
    });
  return {
    emulator,
    env,
    home,
    run,
    async close() {
      await emulator.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
