// Help text for plain `fibe-audit [command...] --help`, rendered at build time (scripts/build.mjs) from
// the same commander tree, so start.ts can print it without loading commander. Commander wraps help at
// HELP_WIDTH at most, so one rendering serves every terminal at least that wide.

export const HELP_WIDTH = 80;

/** Help width for a stream: the terminal's width up to HELP_WIDTH, else HELP_WIDTH. */
export function helpWidthFor(isTTY: boolean, columns: number): number {
  return isTTY ? Math.min(columns, HELP_WIDTH) : HELP_WIDTH;
}

/** `query --help`, `auth login -h`, `--help`: the page key (`query`, `auth login`, ``), else undefined. */
export function helpPageKey(argv: readonly string[]): string | undefined {
  const last = argv[argv.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  const words = argv.slice(0, -1);
  if (words.length > 2 || words.some((w) => w.startsWith('-') || w === 'help')) return undefined;
  return words.join(' ');
}
