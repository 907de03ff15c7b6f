import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { CalendarClock, ImagePlus, MessageSquareText, X } from 'lucide-react';
import { atHandle } from '../../components/AccountAvatar';
import { IconButton } from '../../components/IconButton';
import { NetworkGlyph } from '../../components/NetworkGlyph';
import { WorkspaceChip } from '../../components/WorkspaceChip';
import { useComposer } from '../../stores/composer';
import { useWorkspaces } from '../../stores/workspaces';
import { strictestLimits } from '../../../shared/rules';
import { formatInZone } from '../publishing/scheduleTime';
import { PlanningPanel } from '../calendar/composer/PlanningPanel';
import { CharterLint } from './CharterLint';
import { ComposerOptions } from './ComposerOptions';
import { MainEditor, VariantEditor } from './Editors';
import { importImages } from './MediaStrip';
import { PublishBar } from './PublishBar';
import { ReplyContext } from './ReplyContext';
import { SaveStatus } from './SaveStatus';
import { TargetChecks } from './TargetChecks';
import { TargetPicker } from './TargetPicker';
import { SAVED_REPLY_SHORTCUT, useSavedReplies } from './useSavedReplies';
import { useComposerTargets } from './useTargets';

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

/** The drawer from the right: writing autosaves, the board stays visible beside it. */
export function Composer() {
  const { t, i18n } = useTranslation();
  const open = useComposer((s) => s.open);
  const text = useComposer((s) => s.text);
  const workspaceId = useComposer((s) => s.workspaceId);
  const focusRequest = useComposer((s) => s.focusRequest);
  const scope = useComposer((s) => s.scope);
  const setScope = useComposer((s) => s.setScope);
  const post = useComposer((s) => s.post);
  const ready = useComposer((s) => s.contentStatus === 'ready');
  const close = useComposer((s) => s.close);
  const workspace = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId));
  const targets = useComposerTargets();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [dragging, setDragging] = useState(false);
  const savedReplies = useSavedReplies();

  useEffect(() => {
    if (!open) return;
    const el = textarea.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [open, focusRequest]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void close();
    }
  };

  const adapted = targets.filter((target) => target.adapted);
  const strictest = strictestLimits(targets.map((target) => target.caps.text));
  const limitsLabel = t('thread.limit', { network: t(`networks.${strictest.network}`), max: strictest.maxCharacters });
  const activeScope = scope && adapted.some((target) => target.account.id === scope) ? scope : 'main';

  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    void importImages(Array.from(event.dataTransfer.files), activeScope === 'main' ? null : activeScope);
  };

  const main = <MainEditor textareaRef={textarea} onKeyDown={onKeyDown} limits={strictest} limitsLabel={limitsLabel} />;

  return (
    <aside
      className={`composer ${dragging ? 'is-dragging' : ''}`}
      aria-labelledby="composer-title"
      onKeyDownCapture={savedReplies.onKeyDownCapture}
      onBlurCapture={savedReplies.onBlurCapture}
      onDragEnter={(e) => {
        if (hasFiles(e) && ready) setDragging(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e) || !ready) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="composer-header">
        <h2 id="composer-title">{t('composer.title')}</h2>
        {workspace ? (
          <span className="composer-workspace">
            <WorkspaceChip workspace={workspace} size="small" />
            <span>{workspace.name}</span>
          </span>
        ) : null}
        <IconButton label={t('composer.close')} icon={X} shortcut={t('keys.escape')} onPress={() => void close()} />
      </header>
      <div className="composer-body">
        {post?.state === 'scheduled' ? (
          <p className="composer-note">
            <CalendarClock size={14} aria-hidden />
            <span>
              {post.scheduledAt
                ? t('composer.scheduledNote', { time: formatInZone(post.scheduledAt, workspace?.timeZone ?? 'UTC', i18n.language) })
                : t('composer.queuedNote')}
            </span>
          </p>
        ) : null}
        <ReplyContext />
        <TargetPicker />
        {adapted.length > 0 ? (
          <Tabs className="tabs version-tabs" selectedKey={activeScope} onSelectionChange={(key) => setScope(key === 'main' ? null : String(key))}>
            <TabList className="tab-list" aria-label={t('variant.tabs')}>
              <Tab id="main" className="tab">
                {t('variant.mainTab')}
              </Tab>
              {adapted.map((target) => (
                <Tab key={target.account.id} id={target.account.id} className="tab">
                  <NetworkGlyph network={target.account.network} />
                  <span>{atHandle(target.account.handle)}</span>
                  <span className={`tab-dot tab-dot-${target.blocked ? 'over' : target.report.tone}`} aria-hidden />
                </Tab>
              ))}
            </TabList>
            <TabPanel id="main" className="tab-panel">
              {main}
            </TabPanel>
            {adapted.map((target) => (
              <TabPanel key={target.account.id} id={target.account.id} className="tab-panel">
                <VariantEditor target={target} />
              </TabPanel>
            ))}
          </Tabs>
        ) : (
          main
        )}
        <div className="composer-tools">
          <IconButton label={t('savedReplyPicker.open')} text={t('savedReplyPicker.open')} icon={MessageSquareText} shortcut={SAVED_REPLY_SHORTCUT} onPress={savedReplies.open} />
        </div>
        <CharterLint workspaceId={workspaceId} />
        <ComposerOptions targets={targets} />
        <PlanningPanel />
        <TargetChecks targets={targets} />
        {targets.length === 0 ? <span className="char-count">{t('composer.characters', { count: Array.from(text).length })}</span> : null}
      </div>
      <footer className="composer-footer">
        <SaveStatus />
        <PublishBar targets={targets} />
      </footer>
      {savedReplies.picker}
      {dragging ? (
        <div className="drop-overlay" aria-hidden>
          <ImagePlus size={28} />
          <span>{t('media.dropHere')}</span>
        </div>
      ) : null}
    </aside>
  );
}
