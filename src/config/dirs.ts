// Where configuration lives on disk: fibe-audit's own directory and the official fibe CLI's.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../global-options.js';

/** $FIBE_AUDIT_CONFIG_DIR, else $XDG_CONFIG_HOME/fibe-audit, else ~/.config/fibe-audit. */
export function configDirFor(env: Env): string {
  if (env.FIBE_AUDIT_CONFIG_DIR) return env.FIBE_AUDIT_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'fibe-audit');
}

/** The official fibe CLI's directory: $XDG_CONFIG_HOME/fibe, else ~/.config/fibe. */
export function fibeCliDirFor(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'fibe');
}
