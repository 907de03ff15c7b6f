import type { Db } from '../store/database';
import type { Campaign, Label } from '../../../shared/calendar/schemas';

interface CampaignRow {
  id: string;
  workspace_id: string;
  name: string;
  color: string;
  starts_on: string | null;
  ends_on: string | null;
  goal: string;
}
interface LabelRow {
  id: string;
  workspace_id: string;
  name: string;
  color: string;
}

const toCampaign = (r: CampaignRow): Campaign => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  color: r.color,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  goal: r.goal,
});
const toLabel = (r: LabelRow): Label => ({ id: r.id, workspaceId: r.workspace_id, name: r.name, color: r.color });

/** Campaigns and labels of a workspace, and which labels a post carries. */
export class CampaignRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      campaigns: db.prepare<[string], CampaignRow>('SELECT * FROM campaigns WHERE workspace_id = ? ORDER BY coalesce(starts_on, \'9999\'), name, id'),
      campaign: db.prepare<[string], CampaignRow>('SELECT * FROM campaigns WHERE id = ?'),
      campaignByName: db.prepare<[string, string], CampaignRow>('SELECT * FROM campaigns WHERE workspace_id = ? AND name = ? ORDER BY created_at LIMIT 1'),
      upsertCampaign: db.prepare(
        `INSERT INTO campaigns (id, workspace_id, name, color, starts_on, ends_on, goal, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, color = excluded.color, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
           goal = excluded.goal, updated_at = excluded.updated_at WHERE campaigns.workspace_id = excluded.workspace_id`,
      ),
      deleteCampaign: db.prepare('DELETE FROM campaigns WHERE id = ?'),
      labels: db.prepare<[string], LabelRow>('SELECT * FROM labels WHERE workspace_id = ? ORDER BY name COLLATE NOCASE, id'),
      label: db.prepare<[string], LabelRow>('SELECT * FROM labels WHERE id = ?'),
      labelByName: db.prepare<[string, string], LabelRow>('SELECT * FROM labels WHERE workspace_id = ? AND name = ? COLLATE NOCASE'),
      upsertLabel: db.prepare(
        `INSERT INTO labels (id, workspace_id, name, color, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, color = excluded.color WHERE labels.workspace_id = excluded.workspace_id`,
      ),
      deleteLabel: db.prepare('DELETE FROM labels WHERE id = ?'),
      postLabels: db.prepare<[string], { label_id: string }>('SELECT label_id FROM post_labels WHERE draft_id = ? ORDER BY label_id'),
      clearPostLabels: db.prepare('DELETE FROM post_labels WHERE draft_id = ?'),
      addPostLabel: db.prepare('INSERT OR IGNORE INTO post_labels (draft_id, label_id) VALUES (?, ?)'),
    };
  }

  listCampaigns(workspaceId: string): Campaign[] {
    return this.s.campaigns.all(workspaceId).map(toCampaign);
  }

  getCampaign(id: string): Campaign | null {
    const row = this.s.campaign.get(id);
    return row ? toCampaign(row) : null;
  }

  campaignByName(workspaceId: string, name: string): Campaign | null {
    const row = this.s.campaignByName.get(workspaceId, name);
    return row ? toCampaign(row) : null;
  }

  /** Insert or update; returns null when the id belongs to another workspace. */
  saveCampaign(c: Campaign, now: number): Campaign | null {
    this.s.upsertCampaign.run(c.id, c.workspaceId, c.name, c.color, c.startsOn, c.endsOn, c.goal, now, now);
    const saved = this.getCampaign(c.id);
    return saved && saved.workspaceId === c.workspaceId ? saved : null;
  }

  deleteCampaign(id: string): boolean {
    return this.s.deleteCampaign.run(id).changes > 0;
  }

  listLabels(workspaceId: string): Label[] {
    return this.s.labels.all(workspaceId).map(toLabel);
  }

  getLabel(id: string): Label | null {
    const row = this.s.label.get(id);
    return row ? toLabel(row) : null;
  }

  labelByName(workspaceId: string, name: string): Label | null {
    const row = this.s.labelByName.get(workspaceId, name);
    return row ? toLabel(row) : null;
  }

  /** Insert or update; returns null when the id belongs to another workspace. Throws on a duplicate name (SQLITE_CONSTRAINT). */
  saveLabel(l: Label, now: number): Label | null {
    this.s.upsertLabel.run(l.id, l.workspaceId, l.name, l.color, now);
    const saved = this.getLabel(l.id);
    return saved && saved.workspaceId === l.workspaceId ? saved : null;
  }

  deleteLabel(id: string): boolean {
    return this.s.deleteLabel.run(id).changes > 0;
  }

  postLabelIds(draftId: string): string[] {
    return this.s.postLabels.all(draftId).map((r) => r.label_id);
  }

  /** Replaces a post's labels (caller checks they belong to the post's workspace). */
  setPostLabels(draftId: string, labelIds: readonly string[]): void {
    this.db.transaction(() => {
      this.s.clearPostLabels.run(draftId);
      for (const id of labelIds) this.s.addPostLabel.run(draftId, id);
    })();
  }
}
