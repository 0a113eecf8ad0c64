// fibe-audit __complete <profiles|zones>: the words completion scripts cannot know when they are
// written (stored profile names, this runtime's time zones), one a line. Hidden: for the scripts only.
import { Argument } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import type { Program } from '../command-kit/registrar.js';
import { COMPLETE_COMMAND, DYNAMIC_SOURCES } from '../completion/dynamic.js';

export function registerCompleteWords(program: Program, ctx: Context): void {
  program
    .command(COMPLETE_COMMAND, { hidden: true })
    .description('words for shell completion, one a line')
    .addArgument(new Argument('<source>').choices(DYNAMIC_SOURCES))
    .action(async (source) => {
      const { listCompletionWords } = await import('../completion/words.js');
      const words = await listCompletionWords(source, ctx.env);
      if (words.length > 0) ctx.io.stdout.write(`${words.join('\n')}\n`);
    });
}
