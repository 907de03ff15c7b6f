import { z } from 'zod';

/** Ids are UUIDs chosen by whoever creates the thing (the renderer may choose a draft's id, so a retried create is idempotent). */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** Instants travel as ISO-8601 UTC strings ("2026-11-22T08:00:00.000Z"). */
export const Instant = z.iso.datetime({ offset: false });

export const WORKSPACE_COLORS = ['#2563eb', '#16a34a', '#db2777', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626'] as const;
export const WorkspaceColor = z.enum(WORKSPACE_COLORS);

export const WorkspaceName = z.string().trim().min(1, 'name_required').max(80, 'name_too_long');

export const Workspace = z.object({
  id: Id,
  name: z.string(),
  color: WorkspaceColor,
  /** IANA time zone in which this workspace's schedule is expressed. */
  timeZone: z.string(),
  createdAt: Instant,
});
export type Workspace = z.infer<typeof Workspace>;

export const DRAFT_MAX_LENGTH = 100_000;
export const DraftText = z.string().max(DRAFT_MAX_LENGTH, 'draft_too_long');

export const Draft = z.object({
  id: Id,
  workspaceId: Id,
  text: DraftText,
  createdAt: Instant,
  updatedAt: Instant,
  /** Incremented on every save; the renderer uses it to drop stale acknowledgements. */
  revision: z.number().int().nonnegative(),
});
export type Draft = z.infer<typeof Draft>;

export const Network = z.enum(['bluesky', 'mastodon']);
export type Network = z.infer<typeof Network>;

export const AccountHealth = z.enum(['ok', 'reconnect_needed']);
export type AccountHealth = z.infer<typeof AccountHealth>;

/** What the renderer may know about an account: never a token. */
export const Account = z.object({
  id: Id,
  workspaceId: Id,
  network: Network,
  handle: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  health: AccountHealth,
  createdAt: Instant,
  /** The PDS or Mastodon instance the account lives on. */
  serviceUrl: z.string(),
});
export type Account = z.infer<typeof Account>;

export const Language = z.enum(['fr', 'en']);
export type Language = z.infer<typeof Language>;
export const LanguageSetting = z.enum(['system', 'fr', 'en']);

export const Settings = z.object({
  language: LanguageSetting,
  theme: z.enum(['system', 'light', 'dark']),
  columnWidth: z.enum(['narrow', 'normal', 'wide']),
  /** The local profile: the name comments and exchanged changes are signed with. */
  profileName: z.string().trim().max(80, 'name_too_long'),
  /** "Publish now" waits this many seconds, so it can be undone (as mail clients do). */
  publishUndoSeconds: z.union([z.literal(0), z.literal(5), z.literal(10), z.literal(30)]),
});
export type Settings = z.infer<typeof Settings>;
export const PUBLISH_UNDO_CHOICES = [0, 5, 10, 30] as const;
export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system', columnWidth: 'normal', profileName: '', publishUndoSeconds: 10 };

/**
 * How the token vault's data key is protected.
 * - keychain: random key held by the OS keychain (the normal case)
 * - passphrase: key derived with scrypt from a passphrase typed at start
 * - plaintext: key in a file beside the database, chosen explicitly after a warning
 */
export const VaultMode = z.enum(['keychain', 'passphrase', 'plaintext']);
export type VaultMode = z.infer<typeof VaultMode>;

export const VaultStatus = z.object({
  /** ready: secrets can be stored and read. */
  state: z.enum(['ready', 'needs_setup', 'locked', 'key_mismatch']),
  mode: VaultMode.nullable(),
  keychainAvailable: z.boolean(),
  /** A sentence for the person when something is wrong (keychain missing, entry changed). */
  problem: z.string().nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  host: z.enum(['desktop', 'web']),
  systemLanguage: Language,
  /** A notice shown once at start, e.g. "a backup was restored" or "the database was checked". */
  notices: z.array(z.string()),
  /** Running on the local sandbox network (npm run demo): nothing is public. */
  sandbox: z.boolean(),
  /** The sandbox's Bluesky server (PDS), prefilled when adding a sandbox account; null outside the sandbox. */
  sandboxPdsUrl: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;
