// The shells completion scripts are made for, and where each one lives under completions/.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** zsh wants `_<command>` on its $fpath; bash and fish take the command name. */
export function completionFileName(shell: Shell, program: string): string {
  switch (shell) {
    case 'bash':
      return `${program}.bash`;
    case 'zsh':
      return `_${program}`;
    case 'fish':
      return `${program}.fish`;
  }
}
