// What a command module registers itself on. Commands read global options through globalsOf, so the
// root's option types are not needed here (and commands never import program.ts).
import type { Command } from '@commander-js/extra-typings';
import type { Context } from '../context.js';

export type Program = Command;
export type Registrar = (program: Program, ctx: Context) => void;
