// The one entry for `fibe-audit completion <shell>` and the committed files: same tree, same text.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { buildCompletionSpec } from './spec.js';
import { renderBash } from './bash.js';
import { renderZsh } from './zsh.js';
import { renderFish } from './fish.js';
import type { Shell } from './shells.js';

export function renderCompletion(shell: Shell, program: CommandUnknownOpts): string {
  const spec = buildCompletionSpec(program);
  switch (shell) {
    case 'bash':
      return renderBash(spec);
    case 'zsh':
      return renderZsh(spec);
    case 'fish':
      return renderFish(spec);
  }
}
