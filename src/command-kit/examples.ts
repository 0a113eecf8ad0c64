// The examples block every command's help ends with (SPEC.md: 3-5 real examples).

/** Formats the examples block every command's help ends with. */
export function examples(lines: Array<[string, string]>): string {
  const body = lines.map(([cmd, why]) => `  $ ${cmd}\n      ${why}`).join('\n');
  return `\nExamples:\n${body}\n`;
}
