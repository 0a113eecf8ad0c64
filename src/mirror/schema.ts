// The mirror's tables: entries (typed columns plus the JSON the columns cannot rebuild), the sync
// state (one row), the key snapshot, and the identity of the account the file belongs to.

export const SCHEMA_VERSION = 1;

/** Entry columns in appender order; EntryRow (entry-row.ts) follows it. */
export const ENTRY_COLUMNS = [
  'id', 'created_at', 'action', 'actor_kind', 'actor_id', 'actor_label', 'actor_type', 'channel',
  'resource_type', 'resource_id', 'resource_name', 'metadata', 'wire_actor_id', 'raw',
] as const;

// metadata is the compact JSON text as received (SQL views type it JSON). No primary key: an index over every id would cost more than the entries themselves. Each batch
// is inserted through an anti-join on id instead (batch-writer.ts), inside its transaction.
const ENTRY_TABLE_COLUMNS = `
  id BIGINT,
  created_at TIMESTAMPTZ,
  action VARCHAR,
  actor_kind VARCHAR NOT NULL,
  actor_id BIGINT,
  actor_label VARCHAR,
  actor_type VARCHAR,
  channel VARCHAR,
  resource_type VARCHAR,
  resource_id BIGINT,
  resource_name VARCHAR,
  metadata VARCHAR,
  wire_actor_id BIGINT,
  raw VARCHAR`;

export const CREATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS mirror_info (
  schema_version INTEGER NOT NULL,
  origin VARCHAR NOT NULL,
  account VARCHAR NOT NULL,
  username VARCHAR,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (${ENTRY_TABLE_COLUMNS}
);
CREATE TABLE IF NOT EXISTS sync_state (
  covered_from_start BOOLEAN NOT NULL,
  covered_since TIMESTAMPTZ,
  covered_until TIMESTAMPTZ,
  last_sync_at TIMESTAMPTZ,
  keys_snapshot_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS mirror_keys (
  fingerprint VARCHAR NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS key_snapshot (
  id BIGINT,
  label VARCHAR,
  masked_token VARCHAR,
  scopes VARCHAR[],
  created_at VARCHAR,
  expires_at VARCHAR,
  agent_accessible BOOLEAN,
  last_used_at VARCHAR,
  raw VARCHAR NOT NULL,
  position INTEGER NOT NULL,
  snapshot_at TIMESTAMPTZ NOT NULL
);
`;

/**
 * Where each batch lands first (per connection, in memory) before the anti-join insert. The text
 * columns travel packed as one JSON array per row: one call into the engine per value cost more
 * than the rest of a sync together.
 */
export const CREATE_STAGING = 'CREATE TEMP TABLE IF NOT EXISTS staging (id BIGINT, created_at TIMESTAMPTZ, packed VARCHAR)';
