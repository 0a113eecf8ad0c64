// The layering of STYLE.md "The second wave", read from src/'s own imports: layers only point down,
// there is no import cycle, and the database engine stays in the mirror's room.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, readImportGraph } from './import-graph.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const graph = readImportGraph(SRC);

/** The room (top folder, or the file itself at the top) a module lives in. */
const roomOf = (module: string) => (module.includes('/') ? (module.split('/')[0] as string) : module);

/** Rooms each room must never import: what sits above it, or beside it in another concern. */
const FORBIDDEN: Record<string, string[]> = {
  lock: ['api', 'render', 'model', 'time', 'config', 'commands', 'command-kit', 'source', 'export', 'mirror', 'context.ts', 'program.ts'],
  text: ['api', 'render', 'model', 'time', 'config', 'commands', 'command-kit', 'source', 'export', 'context.ts', 'program.ts'],
  time: ['api', 'render', 'config', 'commands', 'command-kit', 'source', 'export', 'mirror', 'context.ts', 'program.ts'],
  model: ['api', 'render', 'config', 'commands', 'command-kit', 'source', 'export', 'mirror', 'context.ts', 'program.ts'],
  api: ['render', 'commands', 'command-kit', 'source', 'export', 'mirror', 'context.ts', 'program.ts'],
  config: ['api', 'render', 'commands', 'command-kit', 'source', 'export', 'mirror', 'context.ts', 'program.ts'],
  render: ['api', 'commands', 'command-kit', 'source', 'mirror', 'context.ts', 'program.ts'],
  source: ['commands', 'command-kit', 'render', 'program.ts'],
  mirror: ['commands', 'command-kit', 'render', 'program.ts'],
  export: ['commands', 'command-kit', 'program.ts'],
  // The HTML report (writer and page) is handed entries and a dossier: it never reads a source itself.
  report: ['api', 'source', 'mirror', 'commands', 'command-kit', 'config', 'context.ts', 'program.ts'],
  // query --follow's engine: a command-level room (it prints), below the commands themselves.
  follow: ['commands', 'mirror', 'program.ts'],
  'command-kit': ['commands', 'program.ts'],
  commands: ['program.ts'],
};

function violations(): string[] {
  const found: string[] = [];
  for (const [from, targets] of graph) {
    const banned = FORBIDDEN[roomOf(from)] ?? [];
    for (const to of targets) if (banned.includes(roomOf(to))) found.push(`${from} -> ${to}`);
  }
  return found;
}

describe('src/ layering', () => {
  it('reads a real graph (the check cannot pass on an empty one)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('cli.ts')).toContain('program.ts');
    expect(graph.get('commands/query.ts')).toContain('commands/query-run.ts');
  });

  it('has layers that only point down', () => {
    expect(violations()).toEqual([]);
  });

  it('has no import cycle (type-only and dynamic imports included)', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('finds a cycle and a violation when there is one (the checks themselves work)', () => {
    const g = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', []]]);
    expect(findCycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    const original = graph.get('api/http.ts') ?? [];
    graph.set('api/http.ts', [...original, 'render/table.ts']);
    try {
      expect(violations()).toEqual(['api/http.ts -> render/table.ts']);
    } finally {
      graph.set('api/http.ts', original);
    }
  });

  it('loads the database engine only inside src/mirror/', () => {
    const outside = [...graph.keys()].filter((m) => roomOf(m) !== 'mirror' && readFileSync(join(SRC, m), 'utf8').includes('@duckdb/node-api'));
    expect(outside).toEqual([]);
  });
});
