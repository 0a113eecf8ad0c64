// Network timing of SPEC.md "Network behaviour"; tests pass shorter values to keep waits small.

export interface HttpTuning {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  maxAttempts: number;
}

export const DEFAULT_HTTP_TUNING: HttpTuning = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  backoffBaseMs: 500,
  backoffCapMs: 20_000,
  maxAttempts: 5,
};
