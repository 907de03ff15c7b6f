/**
 * The dates an export covers. A community manager exports "the plan": by default this month and
 * the next two (from the 1st of the current month), or what the calendar shows when it was moved
 * away from today (the month, week or day being looked at); quick choices for this month and for
 * everything planned from today. Dates are "YYYY-MM-DD" in the workspace's zone. Pure.
 */
import { addLocalDays } from '../../../shared/schedule';
import { addMonths, firstOfMonth, viewDates, type CalendarView } from './calendarGrid';

export type ExportRangeChoice = 'quarter' | 'month' | 'shown' | 'planned' | 'custom';
export const EXPORT_RANGE_CHOICES: readonly ExportRangeChoice[] = ['quarter', 'month', 'shown', 'planned', 'custom'];

/** "Everything planned" has no end date: ten years ahead stands for it. */
export const PLANNED_YEARS = 10;

/** What the calendar shows: the month of the month and list views (not the grid's spill-over days), else the week or the day. */
export function shownDates(view: CalendarView, anchor: string, weekStart: number): { first: string; last: string } {
  if (view === 'month' || view === 'list') {
    const first = firstOfMonth(anchor);
    return { first, last: addLocalDays(addMonths(first, 1), -1) };
  }
  return viewDates(view, anchor, weekStart);
}

/** The first and last dates (both included) of a quick choice; null for "custom" (the person's dates). */
export function exportDates(choice: ExportRangeChoice, today: string, shown: { first: string; last: string }): { first: string; last: string } | null {
  const month = firstOfMonth(today);
  switch (choice) {
    case 'quarter':
      return { first: month, last: addLocalDays(addMonths(month, 3), -1) };
    case 'month':
      return { first: month, last: addLocalDays(addMonths(month, 1), -1) };
    case 'shown':
      return shown;
    case 'planned':
      return { first: today, last: addLocalDays(addMonths(today, 12 * PLANNED_YEARS), -1) };
    case 'custom':
      return null;
  }
}

/** The choice the dialog opens on: what the calendar shows when it was moved away from today, else the next three months. */
export function defaultExportChoice(today: string, shown: { first: string; last: string }): ExportRangeChoice {
  return today >= shown.first && today <= shown.last ? 'quarter' : 'shown';
}

/** "1 décembre 2026 – 28 février 2027", "1–31 December 2026", in the interface's language. */
export function datesInWords(first: string, last: string, language: string): string {
  const format = new Intl.DateTimeFormat(language.startsWith('fr') ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const noon = (date: string) => new Date(`${date}T12:00:00Z`);
  return first === last ? format.format(noon(first)) : format.formatRange(noon(first), noon(last));
}
