import type { Db } from '../store/database';
import { toIso } from '../clock';
import { imageKey, imagePath } from '../streams/keys';
import type { Account, AccountHealth, Network } from '../../../shared/domain';
import { Capabilities } from '../../../shared/publishing';
import { DEFAULT_SLOTS, PostingSlots, type PostingSlot } from '../../../shared/schedule/slots';

interface AccountRow {
  id: string;
  workspace_id: string;
  network: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  health: string;
  created_at: number;
  service_url: string;
  remote_id: string;
  time_zone: string | null;
  posting_slots: string | null;
  capabilities: string | null;
  removed_at: number | null;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  workspaceId: r.workspace_id,
  network: r.network as Account['network'],
  handle: r.handle,
  displayName: r.display_name,
  // The renderer shows it through the board's image cache (same origin), never from the network.
  avatarUrl: imagePath(r.avatar_url),
  health: r.health as Account['health'],
  createdAt: toIso(r.created_at),
  serviceUrl: r.service_url,
});

export interface NewAccount {
  id: string;
  workspaceId: string;
  network: Network;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  serviceUrl: string;
  remoteId: string;
  createdAt: number;
}

/** Accounts as the renderer may see them: never a token (those live in the vault). Removed accounts keep their history. */
export class AccountRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      list: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE workspace_id = ? AND removed_at IS NULL ORDER BY created_at'),
      all: db.prepare<[], AccountRow>('SELECT * FROM accounts WHERE removed_at IS NULL'),
      get: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
      byIdentity: db.prepare<[string, string, string, string], AccountRow>(
        'SELECT * FROM accounts WHERE workspace_id = ? AND network = ? AND service_url = ? AND remote_id = ? AND removed_at IS NULL',
      ),
      insert: db.prepare(
        `INSERT INTO accounts (id, workspace_id, network, handle, display_name, avatar_url, health, created_at, service_url, remote_id)
         VALUES (?, ?, ?, ?, ?, ?, 'ok', ?, ?, ?)`,
      ),
      refresh: db.prepare("UPDATE accounts SET handle = ?, display_name = ?, avatar_url = ?, health = 'ok' WHERE id = ?"),
      image: db.prepare('INSERT OR IGNORE INTO remote_images (key, url, used_at) VALUES (?, ?, 0)'),
      health: db.prepare('UPDATE accounts SET health = ? WHERE id = ?'),
      slots: db.prepare('UPDATE accounts SET posting_slots = ?, time_zone = ? WHERE id = ?'),
      capabilities: db.prepare('UPDATE accounts SET capabilities = ? WHERE id = ?'),
      remove: db.prepare('UPDATE accounts SET removed_at = ? WHERE id = ?'),
      purge: db.prepare('DELETE FROM accounts WHERE id = ?'),
      nextDue: db.prepare<[], { account_id: string; due: number }>(
        "SELECT account_id, min(due_at) AS due FROM post_targets WHERE status = 'pending' AND due_at IS NOT NULL GROUP BY account_id",
      ),
    };
  }

  list(workspaceId: string): Account[] {
    return this.s.list.all(workspaceId).map(toAccount);
  }

  listAll(): Account[] {
    return this.s.all.all().map(toAccount);
  }

  get(id: string): (Account & { remoteId: string; removed: boolean }) | null {
    const row = this.s.get.get(id);
    return row ? { ...toAccount(row), remoteId: row.remote_id, removed: row.removed_at !== null } : null;
  }

  findIdentity(workspaceId: string, network: Network, serviceUrl: string, remoteId: string): Account | null {
    const row = this.s.byIdentity.get(workspaceId, network, serviceUrl, remoteId);
    return row ? toAccount(row) : null;
  }

  /** Adds the account, or refreshes it when the same identity reconnects (its id, slots and history stay). */
  upsert(a: NewAccount): Account {
    // Its avatar becomes one of the image cache's registered addresses.
    if (a.avatarUrl) this.s.image.run(imageKey(a.avatarUrl), a.avatarUrl);
    const existing = this.findIdentity(a.workspaceId, a.network, a.serviceUrl, a.remoteId);
    if (existing) {
      this.s.refresh.run(a.handle, a.displayName, a.avatarUrl, existing.id);
      return this.get(existing.id)!;
    }
    this.s.insert.run(a.id, a.workspaceId, a.network, a.handle, a.displayName, a.avatarUrl, a.createdAt, a.serviceUrl, a.remoteId);
    return this.get(a.id)!;
  }

  setHealth(id: string, health: AccountHealth): boolean {
    return this.s.health.run(health, id).changes > 0;
  }

  slots(id: string, fallbackZone: string): { slots: PostingSlot[]; timeZone: string } {
    const row = this.s.get.get(id);
    const parsed = row?.posting_slots ? PostingSlots.safeParse(JSON.parse(row.posting_slots)) : null;
    return { slots: parsed?.success ? parsed.data : [...DEFAULT_SLOTS], timeZone: row?.time_zone ?? fallbackZone };
  }

  setSlots(id: string, slots: PostingSlot[], timeZone: string): void {
    this.s.slots.run(JSON.stringify(slots), timeZone, id);
  }

  cachedCapabilities(id: string): Capabilities | null {
    const raw = this.s.get.get(id)?.capabilities;
    if (!raw) return null;
    const parsed = Capabilities.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  cacheCapabilities(id: string, capabilities: Capabilities): void {
    this.s.capabilities.run(JSON.stringify(capabilities), id);
  }

  /** Hides the account; its published posts keep pointing at it unless the history is deleted too. */
  remove(id: string, now: number): void {
    this.s.remove.run(now, id);
  }

  /** When each account's next post is due (accounts with nothing waiting are absent). */
  nextDueByAccount(): Map<string, number> {
    return new Map(this.s.nextDue.all().map((r) => [r.account_id, r.due]));
  }

  /** Deletes the account row; only possible once no post target refers to it. */
  purge(id: string): void {
    this.s.purge.run(id);
  }
}
