import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { ChevronLeft, ChevronRight, Film } from 'lucide-react';
import type { ItemMedia } from '../../../shared/board/schemas';
import { AppDialog } from '../../components/AppDialog';

/** Only images the app serves itself (the CSP is img-src 'self'): a same-origin path, never a remote address. */
export const sameOrigin = (path: string | null): string | null => (path && path.startsWith('/') && !path.startsWith('//') ? path : null);

/** Thumbnails with an ALT badge; activating one opens the viewer (←/→ between images, Esc closes). */
export function MediaGrid({ media, tabIndex }: { media: readonly ItemMedia[]; tabIndex?: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (media.length === 0) return null;
  const shown = open === null ? null : media[open];
  return (
    <>
      <ul className={`media-grid media-grid-${Math.min(media.length, 4)}`} aria-label={t('board.media', { count: media.length })}>
        {media.slice(0, 4).map((m, i) => {
          const thumb = sameOrigin(m.thumb);
          return (
            <li key={i}>
              <button
                type="button"
                className="media-thumb"
                tabIndex={tabIndex}
                aria-label={m.alt ? t('board.openImageAlt', { n: i + 1, alt: m.alt }) : t('board.openImage', { n: i + 1 })}
                onClick={() => setOpen(i)}
              >
                {thumb ? <img src={thumb} alt="" loading="lazy" decoding="async" /> : <Film size={20} aria-hidden />}
                {m.alt ? (
                  <span className="alt-badge" aria-hidden>
                    ALT
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
      {shown && open !== null ? (
        <AppDialog title={t('board.viewerTitle', { n: open + 1, count: media.length })} onClose={() => setOpen(null)} size="medium" dismissable>
          <div
            className="media-viewer"
            onKeyDown={(e) => {
              if (e.key === 'ArrowLeft' && open > 0) setOpen(open - 1);
              if (e.key === 'ArrowRight' && open < media.length - 1) setOpen(open + 1);
            }}
          >
            {sameOrigin(shown.full ?? shown.thumb) ? <img src={sameOrigin(shown.full ?? shown.thumb)!} alt={shown.alt} /> : <p>{t('board.noPreview')}</p>}
            <p className="media-alt">{shown.alt || t('board.noAlt')}</p>
            <div className="media-nav">
              <Button className="btn btn-ghost" isDisabled={open === 0} onPress={() => setOpen(open - 1)}>
                <ChevronLeft size={16} aria-hidden />
                <span>{t('board.previousImage')}</span>
              </Button>
              <Button className="btn btn-ghost" isDisabled={open >= media.length - 1} onPress={() => setOpen(open + 1)}>
                <span>{t('board.nextImage')}</span>
                <ChevronRight size={16} aria-hidden />
              </Button>
            </div>
          </div>
        </AppDialog>
      ) : null}
    </>
  );
}
