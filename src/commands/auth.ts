// fibe-audit auth login|status|list|use|logout: storing keys as profiles and showing who a key is.
// Only options and help live here; the work (auth-run.ts) is loaded when a subcommand runs.
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import { globalsOf } from '../command-kit/globals.js';
import type { Program } from '../command-kit/registrar.js';

export function registerAuth(program: Program, ctx: Context): void {
  const auth = program
    .command('auth')
    .description('sign in with an API key, check it, and manage stored profiles')
    .addHelpText('after', examples([
      ['fibe-audit auth login', 'paste a key at a masked prompt and store it as profile "default"'],
      ['fibe-audit auth status', 'who the current key belongs to and whether it can read the audit log'],
      ['fibe-audit auth list', 'stored profiles, the active one marked *'],
    ]));

  auth
    .command('login')
    .description("store an API key as a profile (--profile, default 'default') for a domain (--domain), after checking it with /api/me")
    .option('--with-token', 'read the key from stdin (the default when stdin is not a terminal)')
    .addHelpText('after', examples([
      ['fibe-audit auth login', 'masked prompt; saves profile "default" for fibe.gg'],
      ['printf %s "$FIBE_KEY" | fibe-audit auth login --with-token', 'read the key from stdin (scripts, CI)'],
      ['fibe-audit auth login --profile staging --domain staging.fibe.gg', 'a second profile for another deployment'],
    ]))
    .action(async (opts, cmd) => {
      const globals = globalsOf(cmd, ctx);
      const { login } = await import('./auth-run.js');
      await login(ctx, globals, Boolean(opts.withToken));
    });

  auth
    .command('status')
    .description('show the key in use: profile, domain, masked key, its source, identity, scopes, audit access, rate limit')
    .option('--json', 'print one JSON object')
    .addHelpText('after', examples([
      ['fibe-audit auth status', 'the key that commands would use right now'],
      ['FIBE_API_KEY=... fibe-audit auth status --json', 'check a key without storing it, as JSON'],
      ['fibe-audit --profile staging auth status', 'check a stored profile'],
    ]))
    .action(async (opts, cmd) => {
      const globals = globalsOf(cmd, ctx);
      const { showStatus } = await import('./auth-run.js');
      await showStatus(ctx, globals, Boolean(opts.json));
    });

  auth
    .command('list')
    .description("stored profiles (and the official fibe CLI's, read-only), the active one marked *")
    .option('--json', 'print a JSON array')
    .addHelpText('after', examples([
      ['fibe-audit auth list', 'profiles with domain and masked key'],
      ['fibe-audit auth list --json | jq -r ".[].name"', 'profile names for scripts'],
      ['fibe-audit auth list --quiet', 'no notice when nothing is stored'],
    ]))
    .action(async (opts, cmd) => {
      const globals = globalsOf(cmd, ctx);
      const { printProfiles } = await import('./auth-run.js');
      await printProfiles(ctx, globals, Boolean(opts.json));
    });

  auth
    .command('use')
    .description('make a stored profile the active one')
    .argument('<name>', 'profile name')
    .addHelpText('after', examples([
      ['fibe-audit auth use staging', 'commands now use the staging profile'],
      ['fibe-audit auth use default', 'back to the default profile'],
      ['fibe-audit auth list', 'see which profiles exist first'],
    ]))
    .action(async (name, _opts, cmd) => {
      globalsOf(cmd, ctx);
      const { useProfile } = await import('./auth-run.js');
      await useProfile(ctx, name);
    });

  auth
    .command('logout')
    .description('remove a stored profile and its key (the one named by --profile, else the active one)')
    .addHelpText('after', examples([
      ['fibe-audit auth logout', 'forget the active profile'],
      ['fibe-audit auth logout --profile staging', 'forget the staging profile'],
      ['fibe-audit auth list', 'check what is left'],
    ]))
    .action(async (_opts, cmd) => {
      const globals = globalsOf(cmd, ctx);
      const { logout } = await import('./auth-run.js');
      await logout(ctx, globals);
    });
}
