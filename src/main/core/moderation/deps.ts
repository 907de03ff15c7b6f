/** What the moderation module needs from the rest of the core (wired in app.ts). */
import type { Clock } from '../clock';
import type { Moderator } from '../connectors/moderation';
import type { AuditLog } from '../inbox/audit';
import type { AccountRepository } from '../repositories/accounts';
import type { Db } from '../store/database';

export interface ModerationDeps {
  db: Db;
  clock: Clock;
  accounts: AccountRepository;
  audit: AuditLog;
  moderatorFor(accountId: string): Moderator | null;
  /** Something changed in this workspace's inbox (and on this item, when there is one). */
  changed(workspaceId: string, itemId: string | null): void;
}
