// The tool's version, injected at build time (esbuild define) and in tests (vitest define).
declare const __FIBE_AUDIT_VERSION__: string;

export const VERSION: string = __FIBE_AUDIT_VERSION__;
