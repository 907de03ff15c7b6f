import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Button, Checkbox, Input, SearchField, ToggleButton } from 'react-aria-components';
import { FileText, MessageSquareText, Search, ShieldCheck, Timer } from 'lucide-react';
import { INBOX_KINDS, type InboxCounts, type InboxKind, type InboxState } from '../../../shared/inbox/schemas';
import { useInbox } from '../../stores/inbox';

const TABS: { state: InboxState; count: keyof InboxCounts }[] = [
  { state: 'to_handle', count: 'toHandle' },
  { state: 'snoozed', count: 'snoozed' },
  { state: 'done', count: 'done' },
];

export type InboxPanel = 'charter' | 'replies' | 'audit' | 'responseTimes';

/** States as tabs with their counts, the search and the filters, and the inbox's tools (charter, saved replies, audit log). */
export function InboxToolbar({ counts, onOpen, onSearched }: { counts: InboxCounts | undefined; onOpen(panel: InboxPanel): void; onSearched(): void }) {
  const { t } = useTranslation();
  const { tab, filter, setTab, setFilter } = useInbox();
  const [query, setQuery] = useState(filter.text ?? '');
  const search = (text: string) => {
    setQuery(text);
    const words = text.trim();
    if (words !== (filter.text ?? '')) setFilter({ ...filter, text: words === '' ? undefined : words });
  };
  const kinds = filter.kinds ?? [];
  const toggleKind = (kind: InboxKind) => setFilter({ ...filter, kinds: kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind] });
  return (
    <div className="inbox-toolbar">
      <div role="tablist" aria-label={t('inbox.states')} className="inbox-tabs">
        {TABS.map(({ state, count }) => (
          <button key={state} role="tab" type="button" aria-selected={tab === state} className={`inbox-tab ${tab === state ? 'is-current' : ''}`} onClick={() => setTab(state)}>
            {t(`inbox.tabs.${state}`)} <span className="inbox-count">{counts?.[count] ?? 0}</span>
          </button>
        ))}
      </div>
      <SearchField className="inbox-search" aria-label={t('inbox.search.label')} value={query} onChange={search} onSubmit={onSearched} aria-keyshortcuts="/">
        <Search size={14} aria-hidden />
        <Input className="input" placeholder={t('inbox.search.placeholder')} />
      </SearchField>
      <div className="inbox-filters" role="group" aria-label={t('inbox.filters')}>
        <Checkbox className="inbox-check" isSelected={filter.flagged === true} onChange={(on) => setFilter({ ...filter, flagged: on ? true : undefined })}>
          {t('inbox.flaggedOnly', { count: counts?.flagged ?? 0 })}
        </Checkbox>
        {INBOX_KINDS.map((kind) => (
          <ToggleButton key={kind} className="chip-toggle" isSelected={kinds.includes(kind)} onChange={() => toggleKind(kind)}>
            {t(`inbox.kinds.${kind}`)}
          </ToggleButton>
        ))}
      </div>
      <div className="inbox-tools">
        <Button className="button" onPress={() => onOpen('charter')}>
          <ShieldCheck size={14} aria-hidden /> {t('inbox.charter.open')}
        </Button>
        <Button className="button" onPress={() => onOpen('replies')}>
          <MessageSquareText size={14} aria-hidden /> {t('inbox.replies.open')}
        </Button>
        <Button className="button" onPress={() => onOpen('audit')}>
          <FileText size={14} aria-hidden /> {t('inbox.audit.open')}
        </Button>
        <Button className="button" onPress={() => onOpen('responseTimes')}>
          <Timer size={14} aria-hidden /> {t('responseTimes.open')}
        </Button>
      </div>
    </div>
  );
}
