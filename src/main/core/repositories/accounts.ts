import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { Account } from '../../../shared/domain';

interface AccountRow {
  id: string;
  workspace_id: string;
  network: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  health: string;
  created_at: number;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  workspaceId: r.workspace_id,
  network: r.network as Account['network'],
  handle: r.handle,
  displayName: r.display_name,
  avatarUrl: r.avatar_url,
  health: r.health as Account['health'],
  createdAt: toIso(r.created_at),
});

/** Accounts as the renderer may see them: never a token (those live in the vault). */
export class AccountRepository {
  private readonly listStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE workspace_id = ? ORDER BY created_at');
  }

  list(workspaceId: string): Account[] {
    return this.listStmt.all(workspaceId).map(toAccount);
  }
}
