import type { Db } from '../store/database';
import type { TargetRow } from './post-targets';
import type { PostState } from './post-states';

export interface PostRow {
  id: string;
  workspace_id: string;
  text: string;
  content: string | null;
  state: PostState;
  scheduled_at: number | null;
  time_zone: string | null;
  updated_at: number;
}

/** One post with its visible targets (cancelled ones are left out), in the order they were planned. */
export interface PostWithTargets {
  post: PostRow;
  targets: TargetRow[];
}

const POST_COLUMNS = 'd.id AS d_id, d.workspace_id AS d_workspace_id, d.text AS d_text, d.content AS d_content, d.state AS d_state, d.scheduled_at AS d_scheduled_at, d.time_zone AS d_time_zone, d.updated_at AS d_updated_at';
const FROM = `FROM drafts d LEFT JOIN post_targets t ON t.draft_id = d.id AND t.status <> 'cancelled'`;
/** A post with a target already out or failed shows in Sent / Failed too, while its other targets wait. */
const HAS_NEWS = "EXISTS (SELECT 1 FROM post_targets n WHERE n.draft_id = d.id AND n.status IN ('sent', 'failed'))";

type JoinedRow = Record<string, unknown> & { d_id: string };

/**
 * The read side of publishing: each list is one joined query (posts and their targets), never a
 * query per post.
 */
export class PostViewQueries {
  private readonly s;

  constructor(db: Db) {
    const select = (where: string) =>
      db.prepare<unknown[], JoinedRow>(`SELECT ${POST_COLUMNS}, t.* ${FROM} WHERE d.deleted_at IS NULL AND ${where} ORDER BY d.scheduled_at, d.id, t.rowid`);
    this.s = {
      scheduled: select("d.workspace_id = ? AND d.state = 'scheduled'"),
      sent: select(`d.workspace_id = ? AND (d.state = 'done' OR (d.state = 'scheduled' AND ${HAS_NEWS}))`),
      one: db.prepare<[string], JoinedRow>(`SELECT ${POST_COLUMNS}, t.* ${FROM} WHERE d.id = ? ORDER BY t.rowid`),
    };
  }

  list(workspaceId: string, column: 'scheduled' | 'sent'): PostWithTargets[] {
    return group(this.s[column].all(workspaceId));
  }

  one(draftId: string): PostWithTargets | null {
    return group(this.s.one.all(draftId))[0] ?? null;
  }
}

function group(rows: JoinedRow[]): PostWithTargets[] {
  const byPost = new Map<string, PostWithTargets>();
  for (const row of rows) {
    let entry = byPost.get(row.d_id);
    if (!entry) {
      entry = {
        post: {
          id: row.d_id,
          workspace_id: row.d_workspace_id as string,
          text: row.d_text as string,
          content: row.d_content as string | null,
          state: row.d_state as PostState,
          scheduled_at: row.d_scheduled_at as number | null,
          time_zone: row.d_time_zone as string | null,
          updated_at: row.d_updated_at as number,
        },
        targets: [],
      };
      byPost.set(row.d_id, entry);
    }
    if (row.id !== null && row.id !== undefined) entry.targets.push(row as unknown as TargetRow);
  }
  return [...byPost.values()];
}
