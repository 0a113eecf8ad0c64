// The words completion scripts ask the CLI for at completion time, and the hidden command they call.
// Kept free of imports: the command definition that uses it is loaded on every start.

/** What `fibe-audit __complete <source>` lists, one word a line. */
export const DYNAMIC_SOURCES = ['profiles', 'zones'] as const;
export type DynamicSource = (typeof DYNAMIC_SOURCES)[number];

/** The hidden command the scripts call for dynamic words (never shown in help or completed itself). */
export const COMPLETE_COMMAND = '__complete';
