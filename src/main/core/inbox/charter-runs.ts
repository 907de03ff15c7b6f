/**
 * The charter over what is already cached: a rule's live matches in the editor, and the
 * workspace's flags recomputed when its charter changes. Both read the workspace's newest cached
 * items (through its columns and inbox) in one query and run the engine over them in one batch.
 */
import type { Span } from '../../../shared/board/schemas';
import type { Charter, CharterFlag, CharterItem, CharterRule } from '../../../shared/charter/schema';
import { textLinks } from '../../../shared/charter/normalize';
import { CharterEngine } from '../charter/engine';
import type { Db } from '../store/database';

/** How many of the newest cached items a charter change or a rule test looks at. */
export const CACHED_SCAN = 5000;
const DAY_MS = 24 * 60 * 60 * 1000;
const bool = (v: number | null): boolean | null => (v === null ? null : v === 1);

interface Row {
  id: string;
  body: string;
  created_at: number;
  author: string;
  account_created_at: number | null;
  posts_count: number | null;
  has_bio: number | null;
  has_avatar: number | null;
}

export class CharterRuns {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      cached: db.prepare<{ ws: string; limit: number }, Row>(
        `SELECT i.id, i.body, i.created_at, a.remote_id AS author, a.account_created_at, a.posts_count, a.has_bio, a.has_avatar FROM items i JOIN actors a ON a.id = i.author_id
         WHERE i.id IN (SELECT e.item_id FROM column_entries e JOIN board_columns c ON c.id = e.column_id WHERE c.workspace_id = @ws AND e.item_id IS NOT NULL
                        UNION SELECT item_id FROM inbox_items WHERE workspace_id = @ws AND item_id IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM accounts o WHERE o.workspace_id = @ws AND o.removed_at IS NULL AND o.network = a.network AND (o.remote_id = a.remote_id OR lower(o.handle) = lower(a.handle)))
         ORDER BY i.created_at DESC LIMIT @limit`,
      ),
      clear: db.prepare<[string]>('DELETE FROM item_flags WHERE workspace_id = ?'),
      flag: db.prepare(
        `INSERT INTO item_flags (workspace_id, item_id, rule_id, rule_name, severity, action, matched, flagged_at)
         VALUES (@workspaceId, @itemId, @ruleId, @ruleName, @severity, @action, @matched, @now) ON CONFLICT DO NOTHING`,
      ),
    };
  }

  /** The workspace's newest cached items from others, as the charter reads them. */
  cachedItems(workspaceId: string, limit = CACHED_SCAN): CharterItem[] {
    return this.s.cached.all({ ws: workspaceId, limit }).map((r) => {
      let body: { text?: string; spans?: Span[] } = {};
      try {
        body = JSON.parse(r.body) as typeof body;
      } catch {
        // a damaged body reads as empty text
      }
      const spans = body.spans ?? [];
      return {
        id: r.id,
        text: body.text ?? '',
        authorId: r.author,
        at: r.created_at,
        links: spans.flatMap((s) => (s.type === 'link' ? [s.url] : [])),
        mentions: spans.filter((s) => s.type === 'mention').length,
        author: { hasAvatar: bool(r.has_avatar), createdAt: r.account_created_at, postsCount: r.posts_count, hasBio: bool(r.has_bio) },
      };
    });
  }

  /** What one rule flags among the cached items (the editor's live view). */
  ruleMatches(workspaceId: string, rule: CharterRule, now: number): { flags: CharterFlag[]; items: Map<string, CharterItem>; scanned: number } {
    const items = this.cachedItems(workspaceId);
    const engine = new CharterEngine({ format: 'tribune-charter', version: 1, rules: [{ ...rule, enabled: true }] });
    return { flags: engine.evaluate(items, now).flags, items: new Map(items.map((i) => [i.id, i])), scanned: items.length };
  }

  /**
   * What one rule flags on a sample text written in the editor, as if it arrived now: links and
   * mentions read from the text, the author described by the editor (account rules), and the
   * cached items as what came before (a spam wave is the sample's text from enough authors).
   */
  sampleFlags(rule: CharterRule, text: string, author: { ageDays?: number; emptyProfile?: boolean }, cached: readonly CharterItem[], now: number): CharterFlag[] {
    const engine = new CharterEngine({ format: 'tribune-charter', version: 1, rules: [{ ...rule, enabled: true }] });
    const empty = author.emptyProfile === true;
    const sample: CharterItem = {
      id: 'sample',
      text,
      authorId: 'sample',
      at: now,
      links: textLinks(text),
      author: {
        createdAt: author.ageDays === undefined ? null : now - author.ageDays * DAY_MS,
        ...(author.emptyProfile === undefined ? {} : { hasAvatar: !empty, hasBio: !empty, postsCount: empty ? 0 : null }),
      },
    };
    return engine.evaluate([sample], now, rule.match.kind === 'spam_wave' ? cached : []).flags;
  }

  /** The charter changed: the workspace's flags are those of the new charter over the cached items. */
  reflag(workspaceId: string, charter: Charter, now: number): number {
    const items = this.cachedItems(workspaceId);
    const flags = charter.rules.some((r) => r.enabled) ? new CharterEngine(charter).evaluate(items, now).flags : [];
    this.db.transaction(() => {
      this.s.clear.run(workspaceId);
      for (const f of flags) this.s.flag.run({ workspaceId, ...f, now });
    })();
    return flags.length;
  }
}
