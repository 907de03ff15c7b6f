import { useTranslation } from 'react-i18next';
import { MessageSquareReply, Quote } from 'lucide-react';
import { directParticipants } from '../../model/board/directReply';
import { useAccounts } from '../../stores/accounts';
import { useComposer } from '../../stores/composer';

/** Above the text: the post being answered or quoted (from the board), so the person sees what they reply to. */
export function ReplyContext() {
  const { t } = useTranslation();
  const context = useComposer((s) => s.context);
  const replyTo = useComposer((s) => s.content.replyTo ?? null);
  const quoted = useComposer((s) => s.content.quote ?? null);
  const direct = useComposer((s) => s.content.visibility === 'direct');
  const workspaceId = useComposer((s) => s.workspaceId);
  const answering = useComposer((s) => s.content.targets[0]?.accountId ?? null);
  const own = useAccounts((a) => (workspaceId ? a.byWorkspace[workspaceId]?.find((x) => x.id === answering)?.handle : undefined) ?? '');
  if (!context && !replyTo && !quoted) return null;
  const mode = context?.mode ?? (replyTo ? 'reply' : 'quote');
  const item = context?.item ?? null;
  const name = item ? item.author.displayName || `@${item.author.handle}` : null;
  const Icon = mode === 'reply' ? MessageSquareReply : Quote;
  const heading = name ? t(mode === 'reply' ? 'board.replyContext' : 'board.quoteContext', { name }) : t(mode === 'reply' ? 'board.replyContextUnknown' : 'board.quoteContextUnknown');
  return (
    <section className="reply-context" aria-label={heading} data-testid="reply-context">
      <p className="reply-context-title">
        <Icon size={14} aria-hidden />
        <span>{heading}</span>
        {item ? <span className="item-handle">@{item.author.handle}</span> : null}
      </p>
      {item ? <p className="reply-context-text">{Array.from(item.text).slice(0, 280).join('')}</p> : null}
      {item?.direct && direct ? <p className="reply-context-direct">{t('chat.directHint', { handles: directParticipants(item, own).map((h) => `@${h}`).join(', ') })}</p> : null}
    </section>
  );
}
