/** `t` from useTranslation or from the i18n module. */
type Translate = (key: string, options: Record<string, unknown>) => string;
import type { FieldDiff } from '../../../../shared/calendar/schemas';
import { formatInZone } from '../../publishing/scheduleTime';

/**
 * A field's value in an import preview, in words: the core sends raw values (an ISO instant,
 * "in_review", "idea", the content's JSON) which a person must not have to decode. Dates are
 * shown in the workspace's zone, where the post will sit.
 */
export function importValueText(field: FieldDiff['field'], value: string | null, zone: string, language: string, t: Translate): string {
  if (value === null || value === '') return '—';
  switch (field) {
    case 'plannedAt':
      return formatInZone(value, zone, language) || value;
    case 'reviewState':
      return t(`calendar.review.state.${value}`, { defaultValue: value });
    case 'kind':
      return value === 'idea' ? t('calendar.status.idea', {}) : t('calendar.import.values.post', {});
    case 'deleted':
      return t(value === 'yes' ? 'calendar.import.values.yes' : 'calendar.import.values.no', {});
    case 'content':
      return contentText(value, t);
    default:
      return value;
  }
}

function contentText(json: string, t: Translate): string {
  try {
    const content = JSON.parse(json) as { targets?: unknown[]; media?: unknown[] };
    return t('calendar.import.values.content', { accounts: content.targets?.length ?? 0, media: content.media?.length ?? 0 });
  } catch {
    return json; // Cut at 2000 characters by the core: shown as it is.
  }
}

/** "Import terminé : 1 créée, 2 mises à jour, 0 supprimée": each count agrees with its number. */
export function importSummary(counts: { created: number; updated: number; deleted: number }, t: Translate): string {
  return t('calendar.import.applied', {
    created: t('calendar.import.summary.created', { count: counts.created }),
    updated: t('calendar.import.summary.updated', { count: counts.updated }),
    deleted: t('calendar.import.summary.deleted', { count: counts.deleted }),
  });
}

/** "Import de « agenda.ics » annulé : 1 publication retirée, 2 remises comme avant" (what an undo did). */
export function undoneSummary(undone: { fileName: string; deleted: number; updated: number }, t: Translate): string {
  return t('calendar.import.undoneNamed', {
    file: undone.fileName,
    removed: t('calendar.import.undoneCounts.removed', { count: undone.deleted }),
    restored: t('calendar.import.undoneCounts.restored', { count: undone.updated }),
  });
}
