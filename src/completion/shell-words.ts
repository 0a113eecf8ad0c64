// Quoting for generated shell scripts: every word from the command tree goes through here.

/** A single-quoted word for bash, zsh and fish alike (fish also needs backslashes escaped). */
export function quote(word: string, shell: 'posix' | 'fish' = 'posix'): string {
  if (shell === 'fish') return `'${word.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Help text as one line, for descriptions shown beside a completion. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The shell function prefix for a program name: `fibe-audit` -> `_fibe_audit`. */
export function functionName(program: string): string {
  return `_${program.replace(/[^A-Za-z0-9]/g, '_')}`;
}
