/**
 * The response-time settings as a form edits them (target in hours and minutes, business hours
 * as days and HH:MM times) and the settings they make, or the problems as codes the renderer
 * translates. One rule book for the form and its tests.
 */
import type { InboxSettings } from './schemas';

export const TARGET_BOUNDS = { min: 5, max: 7 * 24 * 60 } as const;

export interface ResponseSettingsForm {
  targetHours: string;
  targetMinutes: string;
  businessHours: boolean;
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  /** HH:MM in the workspace's zone; the end may be 24:00. */
  start: string;
  end: string;
}

export type SettingsField = 'target' | 'days' | 'start' | 'end';
export type SettingsProblemCode = 'target_out_of_range' | 'days_required' | 'time_invalid' | 'end_before_start';
export interface SettingsProblem {
  field: SettingsField;
  code: SettingsProblemCode;
  params?: { min?: number; max?: number };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Minutes after midnight of "9:30" or "09:30" ("24:00" is the end of the day), or null. */
export function minutesOf(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export function formOfSettings(settings: Pick<InboxSettings, 'targetMinutes' | 'businessHours'>): ResponseSettingsForm {
  const hours = settings.businessHours;
  return {
    targetHours: String(Math.floor(settings.targetMinutes / 60)),
    targetMinutes: String(settings.targetMinutes % 60),
    businessHours: hours !== null,
    days: hours?.days ?? [1, 2, 3, 4, 5],
    start: hhmm(hours?.start ?? 9 * 60),
    end: hhmm(hours?.end ?? 18 * 60),
  };
}

export function settingsOfForm(form: ResponseSettingsForm): { ok: true; settings: Pick<InboxSettings, 'targetMinutes' | 'businessHours'> } | { ok: false; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const num = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v) : v.trim() === '' ? 0 : NaN);
  const target = num(form.targetHours) * 60 + num(form.targetMinutes);
  if (!(target >= TARGET_BOUNDS.min && target <= TARGET_BOUNDS.max)) problems.push({ field: 'target', code: 'target_out_of_range', params: { ...TARGET_BOUNDS } });
  let businessHours: InboxSettings['businessHours'] = null;
  if (form.businessHours) {
    const days = [...new Set(form.days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
    if (days.length === 0) problems.push({ field: 'days', code: 'days_required' });
    const start = minutesOf(form.start);
    const end = minutesOf(form.end);
    if (start === null || start >= 1440) problems.push({ field: 'start', code: 'time_invalid' });
    if (end === null || end === 0) problems.push({ field: 'end', code: 'time_invalid' });
    else if (start !== null && end <= start) problems.push({ field: 'end', code: 'end_before_start' });
    if (problems.length === 0) businessHours = { days, start: start!, end: end! };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: { targetMinutes: target, businessHours } };
}
