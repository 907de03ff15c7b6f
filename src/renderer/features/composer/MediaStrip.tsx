import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FileTrigger } from 'react-aria-components';
import { ImagePlus, LoaderCircle, X } from 'lucide-react';
import type { MediaRef } from '../../../shared/publishing';
import { errorText, t as translate } from '../../i18n';
import { useComposer } from '../../stores/composer';
import { getClient } from '../../client';
import { maxImageBytes, useMedia } from '../../stores/media';
import { useToasts } from '../../stores/toasts';
import { addMedia, MAX_MEDIA, mediaOf, removeMedia, setAlt, type ContentScope } from '../../model/content';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** Imports images (picked or dropped) into a version of the post, one at a time, in order. */
export async function importImages(files: readonly File[], scope: ContentScope, onProgress?: (left: number) => void): Promise<void> {
  const composer = useComposer.getState();
  const workspaceId = composer.workspaceId;
  if (!workspaceId || composer.contentStatus !== 'ready') return;
  const toasts = useToasts.getState();
  const images = files.filter((f) => IMAGE_TYPES.includes(f.type));
  for (const file of files.filter((f) => !IMAGE_TYPES.includes(f.type))) {
    toasts.show({ tone: 'error', message: translate('media.notImage', { name: file.name }) });
  }
  let left = images.length;
  onProgress?.(left);
  for (const file of images) {
    const current = useComposer.getState();
    if (mediaOf(current.content, scope).length >= MAX_MEDIA) {
      toasts.show({ tone: 'error', message: translate('media.tooMany', { max: MAX_MEDIA }) });
      break;
    }
    const max = maxImageBytes(getClient().host);
    if (file.size > max) {
      toasts.show({ tone: 'error', message: translate('media.tooBig', { name: file.name, max: (max / 1_000_000).toLocaleString(undefined, { maximumFractionDigits: 1 }) }) });
    } else {
      const result = await useMedia.getState().importFile(workspaceId, file);
      if (!result.ok) toasts.show({ tone: 'error', message: translate('media.importFailed', { name: file.name, reason: errorText(result.error) }) });
      else if (useComposer.getState().workspaceId === workspaceId) {
        useComposer.getState().edit(({ content }) => ({ content: addMedia(content, scope, result.value.id) }));
      }
    }
    onProgress?.(--left);
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
  const [importing, setImporting] = useState(0);
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
          acceptedFileTypes={IMAGE_TYPES}
          allowsMultiple
          onSelect={(list) => {
            if (list) void importImages(Array.from(list), scope, setImporting);
          }}
        >
          <Button className="btn btn-ghost" isDisabled={!ready || media.length >= MAX_MEDIA}>
            <ImagePlus size={14} aria-hidden />
            <span>{t('media.add')}</span>
          </Button>
        </FileTrigger>
        {importing > 0 ? (
          <span className="field-hint" role="status">
            <LoaderCircle size={12} aria-hidden className="spin" /> {t('media.importing', { count: importing })}
          </span>
        ) : (
          <span className="field-hint">{t('media.dropHint')}</span>
        )}
      </div>
    </div>
  );
}
