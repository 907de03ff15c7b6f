import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FileTrigger } from 'react-aria-components';
import { ImagePlus, LoaderCircle, X } from 'lucide-react';
import type { MediaRef } from '../../../shared/publishing';
import { IMAGE_TYPES, isImageType, MAX_IMAGE_FILE_BYTES, MAX_IMAGE_FILE_MEGABYTES } from '../../../shared/media';
import type { ClientError } from '../../client';
import { errorText, t as translate } from '../../i18n';
import { useComposer } from '../../stores/composer';
import { useMedia } from '../../stores/media';
import { useToasts } from '../../stores/toasts';
import { addMedia, MAX_MEDIA, mediaOf, removeMedia, setAlt, type ContentScope } from '../../model/content';

const uploadScope = (scope: ContentScope) => scope ?? 'main';

/** What to tell the person when the core refused a file. */
function refusal(name: string, error: ClientError): string {
  if (error.code === 'media_not_image' || error.code === 'media_unsupported_type') return translate('media.notImage', { name });
  if (error.code === 'media_too_large') return translate('media.tooBig', { name, max: MAX_IMAGE_MB });
  return translate('media.importFailed', { name, reason: errorText(error) });
}

const MAX_IMAGE_MB = MAX_IMAGE_FILE_MEGABYTES;

/**
 * Imports images (picked or dropped) into a version of the post, one at a time, in order.
 * Each file's progress is in the media store, where that version's strip shows it.
 */
export async function importImages(files: readonly File[], scope: ContentScope): Promise<void> {
  const composer = useComposer.getState();
  const workspaceId = composer.workspaceId;
  if (!workspaceId || composer.contentStatus !== 'ready') return;
  const toasts = useToasts.getState();
  const store = useMedia.getState();
  const key = uploadScope(scope);
  const images = files.filter((f) => isImageType(f.type));
  for (const file of files.filter((f) => !isImageType(f.type))) {
    toasts.show({ tone: 'error', message: translate('media.notImage', { name: file.name }) });
  }
  const queued = images.map((file) => ({ file, key: `${Date.now()}-${Math.random()}` }));
  store.setUploads(key, (list) => [...list, ...queued.map((q) => ({ key: q.key, name: q.file.name, fraction: 0 }))]);
  const progress = (uploadKey: string, fraction: number) =>
    store.setUploads(key, (list) => list.map((u) => (u.key === uploadKey ? { ...u, fraction } : u)));
  const done = (uploadKey: string) => store.setUploads(key, (list) => list.filter((u) => u.key !== uploadKey));
  for (const [index, { file, key: uploadKey }] of queued.entries()) {
    const current = useComposer.getState();
    if (mediaOf(current.content, scope).length >= MAX_MEDIA) {
      toasts.show({ tone: 'error', message: translate('media.tooMany', { max: MAX_MEDIA }) });
      for (const rest of queued.slice(index)) done(rest.key);
      break;
    }
    if (file.size > MAX_IMAGE_FILE_BYTES) {
      toasts.show({ tone: 'error', message: translate('media.tooBig', { name: file.name, max: MAX_IMAGE_MB }) });
    } else {
      const result = await store.importFile(workspaceId, file, (fraction) => progress(uploadKey, fraction));
      if (!result.ok) toasts.show({ tone: 'error', message: refusal(file.name, result.error) });
      else if (useComposer.getState().workspaceId === workspaceId) {
        useComposer.getState().edit(({ content }) => ({ content: addMedia(content, scope, result.value.id) }));
      }
    }
    done(uploadKey);
  }
}

function MediaItem({ media, index, scope, forHandle }: { media: MediaRef; index: number; scope: ContentScope; forHandle: string | null }) {
  const { t } = useTranslation();
  const thumbnail = useMedia((s) => s.thumbnails[media.mediaId]);
  const info = useMedia((s) => s.info[media.mediaId]);
  const loadThumbnail = useMedia((s) => s.loadThumbnail);
  const edit = useComposer((s) => s.edit);
  useEffect(() => {
    void loadThumbnail(media.mediaId);
  }, [loadThumbnail, media.mediaId]);
  const fieldId = `alt-${scope ?? 'main'}-${media.mediaId}`;
  const n = index + 1;
  const hasAlt = media.alt.trim().length > 0;
  return (
    <li className="media-item" data-media-id={media.mediaId}>
      <div className="media-thumb">
        {thumbnail && thumbnail !== 'error' ? <img src={thumbnail} alt="" /> : <span className="media-placeholder">{info?.fileName ?? n}</span>}
        {hasAlt ? (
          <span className="alt-badge" title={t('media.altSet')}>
            ALT
          </span>
        ) : null}
        <Button
          className="btn btn-ghost btn-icon media-remove"
          aria-label={t('media.remove', { n })}
          onPress={() => edit(({ content }) => ({ content: removeMedia(content, scope, media.mediaId) }))}
        >
          <X size={14} aria-hidden />
        </Button>
      </div>
      <label className="field-label" htmlFor={fieldId}>
        {forHandle ? t('media.altFor', { n, handle: forHandle }) : t('media.alt', { n })}
      </label>
      <textarea
        id={fieldId}
        className="input alt-input"
        rows={2}
        maxLength={5000}
        value={media.alt}
        placeholder={t('media.altPlaceholder')}
        onChange={(e) => edit(({ content }) => ({ content: setAlt(content, scope, media.mediaId, e.target.value) }))}
      />
    </li>
  );
}

/** The images of one version, each with its alt text, and the button to add more. */
export function MediaStrip({ scope, forHandle }: { scope: ContentScope; forHandle: string | null }) {
  const { t } = useTranslation();
  const content = useComposer((s) => s.content);
  const ready = useComposer((s) => s.contentStatus === 'ready');
  const uploads = useMedia((s) => s.uploads[uploadScope(scope)]);
  const media = mediaOf(content, scope);
  return (
    <div className="media-strip">
      {media.length > 0 ? (
        <ul className="media-list" aria-label={forHandle ? t('media.listFor', { handle: forHandle }) : t('media.list')}>
          {media.map((m, i) => (
            <MediaItem key={m.mediaId} media={m} index={i} scope={scope} forHandle={forHandle} />
          ))}
        </ul>
      ) : null}
      <div className="media-actions">
        <FileTrigger
          acceptedFileTypes={[...IMAGE_TYPES]}
          allowsMultiple
          onSelect={(list) => {
            if (list) void importImages(Array.from(list), scope);
          }}
        >
          <Button className="btn btn-ghost" isDisabled={!ready || media.length >= MAX_MEDIA}>
            <ImagePlus size={14} aria-hidden />
            <span>{t('media.add')}</span>
          </Button>
        </FileTrigger>
        {uploads ? (
          <span className="field-hint" role="status">
            {t('media.importing', { count: uploads.length })}
          </span>
        ) : (
          <span className="field-hint">{t('media.dropHint')}</span>
        )}
      </div>
      {uploads ? (
        <ul className="media-uploads" aria-label={t('media.uploads')}>
          {uploads.map((u) => {
            const percent = Math.round(u.fraction * 100);
            return (
              <li key={u.key} className="media-upload">
                <LoaderCircle size={12} aria-hidden className="spin" />
                <span className="media-upload-name">{u.name}</span>
                <progress max={100} value={percent} aria-label={t('media.uploading', { name: u.name })} />
                <span className="field-hint">{t('media.percent', { percent })}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
