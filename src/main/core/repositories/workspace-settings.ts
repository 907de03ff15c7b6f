import type { Db } from '../store/database';
import { MissedPolicy } from '../../../shared/schedule/missed';

export interface WorkspacePublishing {
  missedPolicy: MissedPolicy;
  requireAltText: boolean;
  /** Copies sent to networks keep EXIF/GPS metadata (off: dropped). */
  keepPhotoMetadata: boolean;
  timeZone: string;
}

/** A workspace's publishing rules: missed posts, required alt text, photo metadata in copies, its time zone. */
export class WorkspaceSettingsRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare<[string], { missed_policy: string; require_alt_text: number; keep_photo_metadata: number; time_zone: string }>(
        'SELECT missed_policy, require_alt_text, keep_photo_metadata, time_zone FROM workspaces WHERE id = ?',
      ),
      set: db.prepare('UPDATE workspaces SET missed_policy = ?, require_alt_text = ?, keep_photo_metadata = ? WHERE id = ?'),
    };
  }

  get(workspaceId: string): WorkspacePublishing {
    const row = this.s.get.get(workspaceId);
    const policy = MissedPolicy.safeParse(row?.missed_policy);
    return {
      missedPolicy: policy.success ? policy.data : 'ask',
      requireAltText: row?.require_alt_text === 1,
      keepPhotoMetadata: row?.keep_photo_metadata === 1,
      timeZone: row?.time_zone ?? 'UTC',
    };
  }

  set(workspaceId: string, patch: { missedPolicy?: MissedPolicy; requireAltText?: boolean; keepPhotoMetadata?: boolean }): WorkspacePublishing {
    const current = this.get(workspaceId);
    this.s.set.run(
      patch.missedPolicy ?? current.missedPolicy,
      (patch.requireAltText ?? current.requireAltText) ? 1 : 0,
      (patch.keepPhotoMetadata ?? current.keepPhotoMetadata) ? 1 : 0,
      workspaceId,
    );
    return this.get(workspaceId);
  }
}
