import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Columns3, X } from 'lucide-react';
import type { BoardItem, ColumnEntry } from '../../../shared/board/schemas';
import type { Account, Workspace } from '../../../shared/domain';
import { TipScope } from '../../components/TipScope';
import { IconButton } from '../../components/IconButton';
import { errorText } from '../../i18n';
import { usePanel } from '../../stores/panel';
import { useUi } from '../../stores/ui';
import { useCardTexts } from './cardTexts';
import { ConversationPanel } from './ConversationPanel';
import { ItemCard } from './ItemCard';
import type { CardActor } from './itemActions';

const asEntry = (item: BoardItem, depth = 0): Exclude<ColumnEntry, { kind: 'gap' }> & { depth: number } => ({ kind: 'item', key: item.id, cursor: item.id, item, repostedBy: null, depth });

/**
 * Beside the board: a conversation (ancestors, the post, its replies), or a profile or hashtag
 * opened from a card (with "Add as a column"). Escape or the close button closes it.
 */
export function SidePanel({ workspace, accounts, boardId }: { workspace: Workspace; accounts: readonly Account[]; boardId: string | null }) {
  const { t } = useTranslation();
  const target = usePanel((s) => s.target);
  const thread = usePanel((s) => s.thread);
  const conversation = usePanel((s) => s.conversation);
  const entries = usePanel((s) => s.entries);
  const loading = usePanel((s) => s.loading);
  const error = usePanel((s) => s.error);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening moves the focus into the panel (its title); Escape or the close button brings it back.
  useEffect(() => {
    if (target) heading.current?.focus();
  }, [target]);
  const accountId = target ? (target.kind === 'preview' ? target.accountId : target.asAccountId) : null;
  const account = accounts.find((a) => a.id === accountId);
  const texts = useCardTexts(account?.handle ?? null);
  if (!target || !account) return null;
  const actor: CardActor = { workspaceId: workspace.id, account };
  const sameNetwork = accounts.filter((a) => a.network === account.network);
  // A private (direct) Mastodon post's thread is its conversation.
  const title =
    target.kind === 'conversation' || (target.kind === 'thread' && thread?.focus.direct) ? t('chat.conversationTitle') : target.kind === 'thread' ? t('board.threadTitle') : target.type === 'profile' ? `@${target.query.handle ?? ''}` : target.query.tag ? `#${target.query.tag}` : (target.query.q ?? '');
  const rows: (Exclude<ColumnEntry, { kind: 'gap' }> & { depth: number })[] =
    target.kind === 'thread'
      ? thread
        ? [...thread.ancestors.map((i) => asEntry(i)), asEntry(thread.focus), ...thread.replies.map((r) => asEntry(r.item, r.depth))]
        : []
      : entries.filter((e): e is Exclude<ColumnEntry, { kind: 'gap' }> => e.kind !== 'gap').map((e) => ({ ...e, depth: 0 }));
  return (
    <aside className="side-panel" aria-label={title} data-testid="side-panel">
      <header className="side-panel-header">
        <h2 ref={heading} tabIndex={-1}>
          {title}
        </h2>
        {target.kind === 'preview' && boardId ? (
          <Button
            className="btn btn-ghost"
            onPress={() => useUi.getState().openDialog({ kind: 'addColumn', workspaceId: workspace.id, boardId, preset: { type: target.type, accountId: target.accountId, query: target.query } })}
          >
            <Columns3 size={14} aria-hidden />
            <span>{t('board.addAsColumn')}</span>
          </Button>
        ) : null}
        <IconButton label={t('board.closePanel')} icon={X} shortcut={t('keys.escape')} onPress={() => usePanel.getState().close()} />
      </header>
      {thread?.fromCache ? <p className="column-status tone-warn">{t('board.threadFromCache')}</p> : null}
      {target.kind === 'conversation' && conversation ? <ConversationPanel conversation={conversation} actor={actor} loading={loading} /> : null}
      {loading && rows.length === 0 && !conversation ? <p className="column-loading">{t('common.loading')}</p> : null}
      {error ? (
        <p className="column-error" role="alert">
          {t('board.panelFailed', { reason: errorText(error) })}
        </p>
      ) : null}
      {target.kind === 'conversation' ? null : (
        <TipScope>
          <ul className="side-panel-list" aria-label={title}>
            {rows.map((row) => (
              <li
                key={row.key}
                className={`thread-row ${thread && row.item?.id === thread.focus.id ? 'is-focus' : ''}`}
                style={{ paddingInlineStart: `${Math.min(row.depth, 6) * 12}px` }}
                aria-current={thread && row.item?.id === thread.focus.id ? 'true' : undefined}
              >
                <ItemCard
                  entry={row}
                  actor={actor}
                  accounts={sameNetwork}
                  texts={texts}
                  active={(activeKey ?? thread?.focus.id ?? rows[0]?.key) === row.key}
                  onFocus={() => setActiveKey(row.key)}
                  onActAs={() => undefined}
                  onOpen={(item) => void usePanel.getState().show({ kind: 'thread', itemId: item.id, asAccountId: account.id })}
                />
              </li>
            ))}
          </ul>
        </TipScope>
      )}
    </aside>
  );
}
