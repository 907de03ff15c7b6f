import type { Db } from '../store/database';

/** Which sent targets were deleted from their network, and when (post_targets.remote_deleted_at). */
export class RemoteDeletionRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      mark: db.prepare('UPDATE post_targets SET remote_deleted_at = ?, updated_at = ? WHERE id = ? AND remote_deleted_at IS NULL'),
    };
  }

  /** Every part of the target is gone from the network; returns false when it was already recorded. */
  markDeleted(targetId: string, at: number): boolean {
    return this.s.mark.run(at, at, targetId).changes === 1;
  }
}
