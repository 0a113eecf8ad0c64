// fibe-audit completion <bash|zsh|fish>: prints the completion script, generated from this very command
// tree, so it always matches the installed version (and the files under completions/).
import { Argument, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import { globalsOf } from '../command-kit/globals.js';
import type { Program } from '../command-kit/registrar.js';
import { SHELLS } from '../completion/shells.js';

function rootOf(command: CommandUnknownOpts): CommandUnknownOpts {
  let root = command;
  while (root.parent) root = root.parent;
  return root;
}

export function registerCompletion(program: Program, ctx: Context): void {
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'after',
      examples([
        ['source <(fibe-audit completion bash)', 'completions in the current bash session'],
        ['fibe-audit completion bash > ~/.local/share/bash-completion/completions/fibe-audit', 'bash, for every new session'],
        ['fibe-audit completion zsh > "${fpath[1]}/_fibe-audit"', 'zsh (then restart it, or run compinit)'],
        ['fibe-audit completion fish > ~/.config/fish/completions/fibe-audit.fish', 'fish'],
      ]),
    )
    .action(async (shell, _opts, command) => {
      globalsOf(command, ctx);
      const [{ renderCompletion }, { writeText }] = await Promise.all([import('../completion/render.js'), import('../command-kit/output-stream.js')]);
      await writeText(ctx.io.stdout, renderCompletion(shell, rootOf(command)));
    });
}
