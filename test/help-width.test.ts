// --help fits the terminal at any width: descriptions wrap (and move under their option when there is
// too little room beside it), and long example commands continue after ` \` so they still paste.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { formatExamples } from '../src/command-kit/examples.js';

const PAGES = [[], ['query'], ['actor'], ['keys'], ['summary'], ['export'], ['sql'], ['sync'], ['report'], ['auth'], ['auth', 'login'], ['auth', 'status'], ['completion']];

/** The example commands of a page, continuation lines joined back. */
function commandsOf(page: string): string[] {
  return page
    .slice(page.indexOf('Examples:'))
    .replace(/ \\\n {8}/g, ' ')
    .split('\n')
    .filter((l) => l.startsWith('  $ '));
}

// A single word longer than the terminal (a path in an example) cannot be broken; nothing else overflows.
const overflowing = (text: string, columns: number) => text.split('\n').filter((l) => l.length > columns && /\s/.test(l.trim()));

describe.each([50, 60, 79])('on a terminal %i columns wide', (columns) => {
  it.each(PAGES.map((p) => [p.join(' ') || '(top)', p] as const))('%s --help: every line fits, the examples intact', async (_name, path) => {
    const narrow = await runCli([...path, '--help'], { tty: true, columns });
    expect(narrow.exitCode).toBe(0);
    expect(overflowing(narrow.stdout, columns)).toEqual([]);
    const wide = await runCli([...path, '--help']);
    expect(commandsOf(narrow.stdout)).toEqual(commandsOf(wide.stdout));
    expect(commandsOf(narrow.stdout).length).toBeGreaterThanOrEqual(path.length === 1 && path[0] === 'auth' ? 0 : 3);
    // Every option still listed.
    for (const flag of wide.stdout.match(/^ {2}(-[\w-]+, )?--[\w-]+/gm) ?? []) expect(narrow.stdout).toContain(flag.trim());
  });
});

it('at 40 columns a description moves under its option, wrapped', async () => {
  const r = await runCli(['--help'], { tty: true, columns: 40 });
  expect(r.stdout).toContain('  --max-wait <duration>\n      longest rate-limit/Retry-After\n      wait before exit 75 (0: never\n      wait) (default: "15m")\n');
  expect(overflowing(r.stdout, 40)).toEqual([]);
});

describe('formatExamples', () => {
  it('leaves what fits alone and continues a long command after " \\"', () => {
    const lines: Array<[string, string]> = [['fibe-audit q --actor key:"GitHub Actions CI" --action "playground.*"', 'what the CI key did to playgrounds']];
    expect(formatExamples(lines, 80)).toBe('\nExamples:\n  $ fibe-audit q --actor key:"GitHub Actions CI" --action "playground.*"\n      what the CI key did to playgrounds\n');
    expect(formatExamples(lines, 40)).toBe(
      [
        '',
        'Examples:',
        '  $ fibe-audit q --actor \\',
        '        key:"GitHub Actions CI" \\',
        '        --action "playground.*"',
        '      what the CI key did to playgrounds',
        '',
      ].join('\n'),
    );
  });

  it('splits a quoted statement too long for a line at its spaces (a shell joins it back)', () => {
    const sql = "select actor_label, count(*) n from entries where action like 'secret.%' group by 1 order by n desc";
    const text = formatExamples([[`fibe-audit sql "${sql}"`, 'which actors touched secrets']], 80);
    expect(text.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(commandsOf(text)).toEqual([`  $ fibe-audit sql "${sql}"`]);
    // Never inside a SQL literal, nor a single-quoted shell word.
    const literal = formatExamples([[`fibe-audit sql "select count(*) from entries where actor_label = 'deploy the nightly seed trick now'"`, 'x']], 50);
    expect(literal).toContain("'deploy the nightly seed trick now'");
    const single = formatExamples([["fibe-audit query --search 'deploy the nightly seed trick now please ok'", 'x']], 50);
    expect(single).toContain("'deploy the nightly seed trick now please ok'");
  });
});
