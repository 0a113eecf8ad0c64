// Renders every command's help through the real program (used by the build to pre-render help pages).
import { main } from './cli.js';
import type { Context } from './context.js';
import { DEFAULT_HTTP_TUNING } from './api/tuning.js';
import { testIO } from './io.js';
import { createProgram, type RootProgram } from './program.js';
import { HELP_WIDTH } from './help-pages.js';

type Node = RootProgram['commands'][number] | RootProgram;

function contextFor(io = testIO({ tty: false, columns: HELP_WIDTH })): Context {
  return {
    io,
    env: {},
    now: () => new Date(0),
    sleep: async () => {},
    random: () => 0,
    signal: new AbortController().signal,
    http: DEFAULT_HTTP_TUNING,
    createApi: () => Promise.reject(new Error('help rendering makes no requests')),
  };
}

/** Every command path (`''`, `query`, `q`, `auth login`, ...). */
function commandPaths(node: Node, prefix: string[] = []): string[][] {
  const paths: string[][] = [prefix];
  for (const sub of node.commands) {
    for (const name of [sub.name(), ...sub.aliases()]) paths.push(...commandPaths(sub as Node, [...prefix, name]));
  }
  return paths;
}

export async function renderHelpPages(): Promise<Record<string, string>> {
  const pages: Record<string, string> = {};
  for (const path of commandPaths(createProgram(contextFor()))) {
    const io = testIO({ tty: false, columns: HELP_WIDTH });
    const code = await main([...path, '--help'], contextFor(io));
    if (code !== 0 || io.err() !== '') throw new Error(`help for '${path.join(' ')}' failed`);
    pages[path.join(' ')] = io.out();
  }
  return pages;
}
