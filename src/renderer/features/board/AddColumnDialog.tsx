import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import { COLUMN_TYPES, NOTIFICATION_KINDS, isNetworkColumn, type ColumnEntry, type ColumnQuery, type ColumnType, type NotificationKind } from '../../../shared/board/schemas';
import type { Account } from '../../../shared/domain';
import { atHandle } from '../../components/AccountAvatar';
import { AppDialog } from '../../components/AppDialog';
import { Field } from '../../components/Field';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { parseSearch } from '../../model/board/columnLabel';
import { clampText } from '../../model/board/safeLinks';
import { notifiesByDefault } from '../../model/board/notify';
import { askNotificationPermission } from '../../stores/notifications';
import { useAccounts } from '../../stores/accounts';
import { useBoards } from '../../stores/boards';

const NO_ACCOUNTS: Account[] = [];
const PREVIEW_DELAY_MS = 500;

interface Preset {
  type: ColumnType;
  accountId: string;
  query: ColumnQuery;
}

function queryFor(type: ColumnType, fields: { search: string; lang: string; handle: string; listId: string; kinds: NotificationKind[] }): ColumnQuery {
  if (type === 'search') return parseSearch(fields.search, fields.lang || undefined);
  if (type === 'profile') return fields.handle.trim() ? { handle: fields.handle.trim().replace(/^@/, '') } : {};
  if (type === 'list') return fields.listId.trim() ? { listId: fields.listId.trim() } : {};
  if (type === 'notifications' && fields.kinds.length > 0) return { kinds: fields.kinds };
  return {};
}

const queryMissing = (type: ColumnType, q: ColumnQuery) => (type === 'search' && !q.q && !q.tag) || (type === 'profile' && !q.handle) || (type === 'list' && !q.listId);

/** The picker: a type, an account, a query, and a live preview of what the column would show. */
export function AddColumnDialog({ workspaceId, boardId, preset, onClose }: { workspaceId: string; boardId: string; preset?: Preset; onClose(): void }) {
  const { t } = useTranslation();
  const accounts = useAccounts((s) => s.byWorkspace[workspaceId] ?? NO_ACCOUNTS);
  const [type, setType] = useState<ColumnType>(preset?.type ?? (accounts.length > 0 ? 'home' : 'drafts'));
  const [accountId, setAccountId] = useState(preset?.accountId ?? accounts[0]?.id ?? '');
  const [search, setSearch] = useState(preset?.query.tag ? `#${preset.query.tag}` : (preset?.query.q ?? ''));
  const [lang, setLang] = useState(preset?.query.lang ?? '');
  const [handle, setHandle] = useState(preset?.query.handle ?? '');
  const [listId, setListId] = useState('');
  const [kinds, setKinds] = useState<NotificationKind[]>([]);
  const [preview, setPreview] = useState<{ entries: ColumnEntry[]; error: string | null; loading: boolean }>({ entries: [], error: null, loading: false });
  const [busy, setBusy] = useState(false);
  const network = isNetworkColumn(type);
  const query = useMemo(() => queryFor(type, { search, lang, handle, listId, kinds }), [type, search, lang, handle, listId, kinds]);
  const missing = network && (queryMissing(type, query) || !accountId);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (!network || missing) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      setPreview((p) => ({ ...p, loading: true }));
      void getClient()
        .invoke('column.preview', { workspaceId, type, accountId, query })
        .then((result) => {
          if (cancelled) return;
          setPreview(result.ok ? { entries: result.value.entries.slice(0, 5), error: null, loading: false } : { entries: [], error: errorText(result.error), loading: false });
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // queryKey stands for the query's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [network, missing, workspaceId, type, accountId, queryKey]);

  const add = async () => {
    // A gesture: the only moment a browser lets the page ask for the permission.
    if (notifiesByDefault(type)) askNotificationPermission();
    setBusy(true);
    const column = await useBoards.getState().addColumn({ boardId, type, accountId: network ? accountId : null, query: network ? query : {}, notify: notifiesByDefault(type) });
    setBusy(false);
    if (column) onClose();
  };

  return (
    <AppDialog title={t('board.addColumn')} onClose={onClose} size="medium">
      <div className="add-column">
        <div className="add-column-form">
          <RadioGroup className="field" value={type} onChange={(v) => setType(v as ColumnType)}>
            <Label className="field-label">{t('board.columnType')}</Label>
            <div className="radio-list type-list">
              {COLUMN_TYPES.map((ct) => (
                <Radio key={ct} value={ct} className="radio" isDisabled={isNetworkColumn(ct) && accounts.length === 0}>
                  <span className="radio-dot" aria-hidden />
                  <span>{t(`board.types.${ct}`)}</span>
                </Radio>
              ))}
            </div>
          </RadioGroup>
          {network ? (
            <Field id="add-column-account" label={t('board.columnAccount')}>
              {(control) => (
                <select {...control} className="input" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
                  {accounts.map((a) => (
                    <option key={a.id} value={a.id}>
                      {`${atHandle(a.handle)} (${t(`networks.${a.network}`)})`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          {type === 'search' ? (
            <>
              <Field id="add-column-search" label={t('board.searchLabel')} hint={t('board.searchHint')}>
                {(control) => <input {...control} className="input" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="#PortLumiere" />}
              </Field>
              <Field id="add-column-lang" label={t('board.searchLang')}>
                {(control) => (
                  <select {...control} className="input" value={lang} onChange={(e) => setLang(e.target.value)}>
                    <option value="">{t('board.anyLanguage')}</option>
                    <option value="fr">Français</option>
                    <option value="en">English</option>
                  </select>
                )}
              </Field>
            </>
          ) : null}
          {type === 'profile' ? (
            <Field id="add-column-handle" label={t('board.profileHandle')}>
              {(control) => <input {...control} className="input" value={handle} onChange={(e) => setHandle(e.target.value)} placeholder="@alice.example" />}
            </Field>
          ) : null}
          {type === 'list' ? (
            <Field id="add-column-list" label={t('board.listId')}>
              {(control) => <input {...control} className="input" value={listId} onChange={(e) => setListId(e.target.value)} />}
            </Field>
          ) : null}
          {type === 'notifications' ? (
            <fieldset className="field kinds">
              <legend className="field-label">{t('board.filterKinds')}</legend>
              {NOTIFICATION_KINDS.map((k) => (
                <label key={k} className="checkbox-row">
                  <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
                  <span>{t(`board.kinds.${k}`)}</span>
                </label>
              ))}
              <span className="field-hint">{t('board.filterHint')}</span>
            </fieldset>
          ) : null}
        </div>
        <section className="add-column-preview" aria-label={t('board.preview')} aria-busy={preview.loading}>
          <h3 className="preview-title">{t('board.preview')}</h3>
          {!network ? <p className="field-hint">{t('board.previewLocal')}</p> : null}
          {network && missing ? <p className="field-hint">{t('board.previewNeedsQuery')}</p> : null}
          {network && !missing && preview.loading ? <p className="field-hint">{t('common.loading')}</p> : null}
          {network && !missing && preview.error ? <p className="field-error">{preview.error}</p> : null}
          {network && !missing && !preview.loading && !preview.error && preview.entries.length === 0 ? <p className="field-hint">{t('board.previewEmpty')}</p> : null}
          {network && !missing && preview.entries.length > 0 ? (
            <ul className="preview-list">
              {preview.entries.map((e) => {
                const item = e.kind === 'gap' ? null : e.item;
                return item ? (
                  <li key={e.key}>
                    <span className="item-name">{clampText(item.author.displayName || item.author.handle, 60)}</span> <span className="item-handle">{atHandle(item.author.handle)}</span>
                    <p>{clampText(item.text, 160)}</p>
                  </li>
                ) : null;
              })}
            </ul>
          ) : null}
        </section>
      </div>
      <div className="form-actions">
        <Button className="btn btn-ghost" onPress={onClose}>
          {t('common.cancel')}
        </Button>
        <Button className="btn btn-primary" isDisabled={missing} isPending={busy} onPress={() => void add()}>
          {t('board.addThisColumn')}
        </Button>
      </div>
    </AppDialog>
  );
}
