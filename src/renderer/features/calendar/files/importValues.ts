import type { TFunction } from 'i18next';
import type { FieldDiff } from '../../../../shared/calendar/schemas';
import { formatInZone } from '../../publishing/scheduleTime';

/**
 * A field's value in an import preview, in words: the core sends raw values (an ISO instant,
 * "in_review", "idea", the content's JSON) which a person must not have to decode. Dates are
 * shown in the workspace's zone, where the post will sit.
 */
export function importValueText(field: FieldDiff['field'], value: string | null, zone: string, language: string, t: TFunction): string {
  if (value === null || value === '') return '—';
  switch (field) {
    case 'plannedAt':
      return formatInZone(value, zone, language) || value;
    case 'reviewState':
      return t(`calendar.review.state.${value}`, { defaultValue: value });
    case 'kind':
      return value === 'idea' ? t('calendar.status.idea') : t('calendar.import.values.post');
    case 'deleted':
      return t(value === 'yes' ? 'calendar.import.values.yes' : 'calendar.import.values.no');
    case 'content':
      return contentText(value, t);
    default:
      return value;
  }
}

function contentText(json: string, t: TFunction): string {
  try {
    const content = JSON.parse(json) as { targets?: unknown[]; media?: unknown[] };
    return t('calendar.import.values.content', { accounts: content.targets?.length ?? 0, media: content.media?.length ?? 0 });
  } catch {
    return json; // Cut at 2000 characters by the core: shown as it is.
  }
}
