import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Ban, CalendarClock, CircleCheckBig, Copy, Pencil } from 'lucide-react';
import type { Account, Workspace } from '../../../shared/domain';
import type { PostView } from '../../../shared/publishing';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { RelativeTime } from '../../components/RelativeTime';
import { errorText } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { useComposer } from '../../stores/composer';
import { usePosts, type PostColumn } from '../../stores/posts';
import { useUi } from '../../stores/ui';
import { Column } from '../../components/Column';
import { navigateBoard } from '../../lib/boardNavigation';
import { formatInZone } from '../publishing/scheduleTime';
import { cancelPost, duplicatePost, editPost, reschedulePost } from './postActions';
import { isPending, postPreview, postTime, targetDisplay } from '../../model/postModel';
import { TargetStatusList } from './TargetStatusList';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { LoadError } from '../../components/LoadError';

const NO_POSTS: PostView[] = [];
const NO_ACCOUNTS: Account[] = [];

interface CardProps {
  post: PostView;
  accounts: readonly Account[];
  zone: string;
  active: boolean;
  editing: boolean;
  onFocus(): void;
}

function ScheduledCard({ post, accounts, zone, active, editing, onFocus }: CardProps) {
  const { t, i18n } = useTranslation();
  const preview = postPreview(post.text);
  const time = postTime(post);
  const timeId = `post-time-${post.draftId}`;
  const editable = isPending(post);
  return (
    <div className={`card post-card ${active ? 'is-active' : ''} ${editing ? 'is-editing' : ''}`} data-draft-id={post.draftId} onFocus={onFocus}>
      <button
        type="button"
        className="card-open"
        data-roving-item
        tabIndex={active ? 0 : -1}
        aria-describedby={timeId}
        aria-keyshortcuts="Enter"
        onClick={() => void editPost(post)}
      >
        <span className={`card-text ${preview ? '' : 'is-empty'}`}>{preview || t('drafts.empty')}</span>
      </button>
      <p className="card-time" id={timeId}>
        <CalendarClock size={12} aria-hidden />
        {time ? (
          <time dateTime={time}>{t('posts.scheduledFor', { time: formatInZone(time, zone, i18n.language) })}</time>
        ) : (
          <span>{t('posts.noTime')}</span>
        )}
      </p>
      <TargetStatusList post={post} accounts={accounts} zone={zone} active={active} />
      <div className="card-footer">
        {editing ? (
          <span className="card-badge" data-testid="editing-badge">
            {t('planning.editing')}
          </span>
        ) : null}
        <div className="card-actions">
          <IconButton label={t('posts.edit')} icon={Pencil} shortcut={t('keys.enter')} excludeFromTabOrder={!active} isDisabled={!editable} onPress={() => void editPost(post)} />
          <IconButton label={t('posts.reschedule')} icon={CalendarClock} shortcut="R" excludeFromTabOrder={!active} isDisabled={!editable} onPress={() => reschedulePost(post)} />
          <IconButton label={t('posts.duplicate')} icon={Copy} shortcut="D" excludeFromTabOrder={!active} onPress={() => void duplicatePost(post)} />
          <IconButton label={t('posts.cancel')} icon={Ban} excludeFromTabOrder={!active} variant="danger" isDisabled={!editable} onPress={() => void cancelPost(post)} />
        </div>
      </div>
    </div>
  );
}

function SentCard({ post, accounts, zone, active, onFocus }: CardProps) {
  const { t, i18n } = useTranslation();
  const preview = postPreview(post.text);
  const textId = `sent-text-${post.draftId}`;
  const timeId = `sent-time-${post.draftId}`;
  const failed = post.targets.filter((target) => ['failed', 'partial'].includes(targetDisplay(target))).length;
  return (
    <div className={`card post-card ${active ? 'is-active' : ''} ${failed > 0 ? 'has-failure' : ''}`} data-draft-id={post.draftId} onFocus={onFocus}>
      <article className="card-open card-static" data-roving-item tabIndex={active ? 0 : -1} aria-labelledby={textId} aria-describedby={timeId}>
        <p id={textId} className={`card-text ${preview ? '' : 'is-empty'}`}>
          {preview || t('drafts.empty')}
        </p>
      </article>
      <TargetStatusList post={post} accounts={accounts} zone={zone} active={active} />
      <div className="card-footer">
        {post.sentAt ? (
          <time id={timeId} className="card-time" dateTime={post.sentAt}>
            {t('planning.sentOn', { time: formatInZone(post.sentAt, zone, i18n.language) })}
          </time>
        ) : (
          <RelativeTime id={timeId} iso={post.updatedAt} prefix={t('posts.updatedPrefix')} />
        )}
        <div className="card-actions">
          <IconButton label={t('posts.duplicate')} icon={Copy} shortcut="D" excludeFromTabOrder={!active} onPress={() => void duplicatePost(post)} />
        </div>
      </div>
    </div>
  );
}

/** The "Programmés" and "Publiés / Échecs" columns: post.list, keyboard-navigable like the drafts. */
export function PostsColumn({ workspace, column, menu, handle }: { workspace: Workspace; column: PostColumn; menu?: ReactNode; handle?: ReactNode }) {
  const { t } = useTranslation();
  const posts = usePosts((s) => s.lists[workspace.id]?.[column] ?? NO_POSTS);
  const loaded = usePosts((s) => s.lists[workspace.id]?.[column] !== undefined);
  const error = usePosts((s) => s.errors[workspace.id]?.[column]);
  const load = usePosts((s) => s.load);
  const accounts = useAccounts((s) => s.byWorkspace[workspace.id] ?? NO_ACCOUNTS);
  const editingId = useComposer((s) => (s.open ? s.draftId : null));
  const [activeId, setActiveId] = useState<string | null>(null);
  const list = useRef<VirtualListHandle>(null);
  const activeIndex = Math.max(
    posts.findIndex((p) => p.draftId === activeId),
    0,
  );
  const scheduled = column === 'scheduled';
  const focusPostId = useUi((s) => s.focusPostId);

  // A post just scheduled or sent asked for focus: its card takes it once rendered here.
  useEffect(() => {
    if (!focusPostId || !posts.some((p) => p.draftId === focusPostId)) return;
    list.current?.focusKey(focusPostId);
    useUi.getState().focusPost(null);
  }, [focusPostId, posts]);

  const focusIndex = (index: number) => {
    const post = posts[index];
    if (!post) return;
    setActiveId(post.draftId);
    list.current?.focusKey(post.draftId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Keys typed on a card's own buttons and links stay theirs, except moving between cards.
    const moved = navigateBoard({ column: 0, row: activeIndex }, event.key, [posts.length]);
    if (moved && !['ArrowLeft', 'ArrowRight', 'h', 'l'].includes(event.key)) {
      event.preventDefault();
      focusIndex(moved.row);
      return;
    }
    const post = posts[activeIndex];
    if (!post || (event.target as HTMLElement).dataset.rovingItem === undefined) return;
    if (event.key === 'd' || event.key === 'D') {
      event.preventDefault();
      void duplicatePost(post);
    } else if (scheduled && (event.key === 'r' || event.key === 'R') && isPending(post)) {
      event.preventDefault();
      reschedulePost(post);
    }
  };

  const title = scheduled ? t('posts.scheduledTitle') : t('posts.sentTitle');
  return (
    <Column
      id={column}
      icon={scheduled ? CalendarClock : CircleCheckBig}
      title={title}
      count={posts.length}
      countLabel={t(scheduled ? 'posts.scheduledCount' : 'posts.sentCount', { count: posts.length })}
      color={workspace.color}
      menu={menu}
      handle={handle}
    >
      {error ? (
        <LoadError message={t('posts.loadFailed', { reason: errorText(error) })} onRetry={() => void load(workspace.id, column)} />
      ) : null}
      {!loaded && !error ? <p className="column-loading">{t('common.loading')}</p> : null}
      {loaded && posts.length === 0 ? (
        <div className="column-empty">
          <EmptyState icon={scheduled ? CalendarClock : CircleCheckBig} title={scheduled ? t('posts.scheduledEmptyTitle') : t('posts.sentEmptyTitle')}>
            <p>{scheduled ? t('posts.scheduledEmptyBody') : t('posts.sentEmptyBody')}</p>
          </EmptyState>
        </div>
      ) : null}
      {posts.length > 0 ? (
        <VirtualList
          handle={list}
          items={posts}
          getKey={(post) => post.draftId}
          label={title}
          activeKey={posts[activeIndex]?.draftId ?? null}
          onKeyDown={onKeyDown}
          estimateSize={140}
          renderItem={(post, index) => {
            const props: CardProps = {
              post,
              accounts,
              zone: workspace.timeZone,
              active: index === activeIndex,
              editing: post.draftId === editingId,
              onFocus: () => setActiveId(post.draftId),
            };
            return scheduled ? <ScheduledCard {...props} /> : <SentCard {...props} />;
          }}
        />
      ) : null}
    </Column>
  );
}
