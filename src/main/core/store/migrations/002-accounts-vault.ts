import type { Migration } from './types';

/**
 * Version 2: accounts and the token vault. Secrets are stored only as AES-256-GCM
 * ciphertext; the data key never touches this database (see core/vault).
 */
export const migration002: Migration = {
  version: 2,
  name: 'accounts-vault',
  up: `
    CREATE TABLE accounts (
      id TEXT PRIMARY KEY,
      workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      network TEXT NOT NULL,
      handle TEXT NOT NULL,
      display_name TEXT NOT NULL,
      avatar_url TEXT,
      health TEXT NOT NULL DEFAULT 'ok',
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX accounts_by_workspace ON accounts (workspace_id);

    -- Vault bookkeeping: mode, key check value, scrypt salt. Never the key itself.
    CREATE TABLE vault_meta (
      key TEXT PRIMARY KEY,
      value BLOB NOT NULL
    ) STRICT;

    CREATE TABLE secrets (
      id TEXT PRIMARY KEY,
      account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
      nonce BLOB NOT NULL,
      ciphertext BLOB NOT NULL,
      tag BLOB NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX secrets_by_account ON secrets (account_id);
  `,
};
