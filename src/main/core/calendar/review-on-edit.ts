/**
 * Editing an approved post in a workspace that requires approval sends it back to review: the
 * approval was given to the words and images that were shown, not to new ones. Runs inside the
 * save's transaction (publishing's saveAndReplan), so the job runner never sees the new content
 * still approved; the approval gate then holds its targets until it is approved again.
 */
import type { Db } from '../store/database';
import type { SaveOutcome } from '../repositories/drafts';

interface EditState {
  text: string;
  content: string | null;
  review_state: string;
  require_approval: number;
  workspace_id: string;
}

export class ReviewOnEdit {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      state: db.prepare<[string], EditState>(
        'SELECT d.text, d.content, d.review_state, w.require_approval, d.workspace_id FROM drafts d JOIN workspaces w ON w.id = d.workspace_id WHERE d.id = ?',
      ),
      reopen: db.prepare("UPDATE drafts SET review_state = 'in_review' WHERE id = ? AND review_state = 'approved'"),
    };
  }

  /** Runs `save`; returns the workspace when the post went back to review. Caller's transaction. */
  save(draftId: string, save: () => SaveOutcome): { outcome: SaveOutcome; reopened: string | null } {
    const before = this.s.state.get(draftId);
    const outcome = save();
    if (!before || before.review_state !== 'approved' || before.require_approval !== 1 || !('draft' in outcome)) return { outcome, reopened: null };
    const after = this.s.state.get(draftId);
    if (!after || (after.text === before.text && after.content === before.content)) return { outcome, reopened: null };
    return { outcome, reopened: this.s.reopen.run(draftId).changes > 0 ? before.workspace_id : null };
  }
}
