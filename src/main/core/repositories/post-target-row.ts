/** One row of post_targets, as SQL returns it. */
import type { Network } from '../../../shared/domain';
import type { HoldReason } from '../../../shared/publishing';

/** Target states: pending -> claimed -> sent | failed | pending (retry) | held | cancelled; pending -> held | skipped; any open one -> cancelled. */
export type TargetStatus = 'pending' | 'claimed' | 'held' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface TargetRow {
  id: string;
  draft_id: string;
  account_id: string;
  network: Network;
  variant: string | null;
  status: TargetStatus;
  due_at: number | null;
  attempts: number;
  idempotency_key: string;
  part_keys: string;
  sent_parts: string;
  last_error: string | null;
  remote_url: string | null;
  /** Set once every part was deleted from the network (RemoteDeletionRepository). */
  remote_deleted_at: number | null;
  updated_at: number;
  hold_reason: HoldReason | null;
  hold_problems: string | null;
  sent_at: number | null;
}
