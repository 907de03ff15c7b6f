import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { atHandle } from '../../model/board/safeLinks';

/**
 * The texts every card of a list shares (the action names as the acting account, the language),
 * made once per list: cards are mounted at every scrolled frame, and each of them asking the
 * translations for the same words cost more than the card itself. A new language or acting
 * account makes a new object, so the memoized cards render again.
 */
export interface CardTexts {
  t: TFunction;
  language: string;
  replyAs: string;
  repostAs: string;
  likeAs: string;
  moreActions: string;
}

export function useCardTexts(actingHandle: string | null): CardTexts {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const handle = actingHandle ? atHandle(actingHandle) : '';
    return {
      t,
      language,
      replyAs: t('board.replyAs', { handle }),
      repostAs: t('board.repostAs', { handle }),
      likeAs: t('board.likeAs', { handle }),
      moreActions: t('board.moreActions'),
    };
  }, [t, language, actingHandle]);
}
