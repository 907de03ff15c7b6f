/** The calendar's dates and times as people read them, in the workspace's zone. Pure. */
import { format } from 'date-fns';
import { enUS, fr } from 'date-fns/locale';

const localeFor = (language: string) => (language.startsWith('fr') ? fr : enUS);
/** A calendar date at noon UTC: its weekday and day never depend on the computer's zone. */
const noon = (date: string) => new Date(`${date}T12:00:00Z`);
const utc = (d: Date) => new Date(d.getTime() + d.getTimezoneOffset() * 60_000);

/** "jeudi 3 décembre" / "Thursday 3 December" */
export const longDay = (date: string, language: string): string =>
  format(utc(noon(date)), language.startsWith('fr') ? 'EEEE d MMMM' : 'EEEE d MMMM', { locale: localeFor(language) });
/** "jeudi" / "Thursday" */
export const weekdayName = (date: string, language: string): string => format(utc(noon(date)), 'EEEE', { locale: localeFor(language) });
/** "jeu." / "Thu" */
export const shortWeekday = (date: string, language: string): string => format(utc(noon(date)), 'EEE', { locale: localeFor(language) });
/** "décembre 2026" / "December 2026" */
export const monthTitle = (date: string, language: string): string => format(utc(noon(date)), 'MMMM yyyy', { locale: localeFor(language) });
/** "3" */
export const dayNumber = (date: string): string => String(Number(date.slice(8, 10)));
