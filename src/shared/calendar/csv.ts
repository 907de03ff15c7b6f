/**
 * The plan as CSV in the Hootsuite bulk-composer layout (date, time, message, link) followed by
 * Tribune's columns (account, campaign, labels, status, uid); and the reading of such a file,
 * row by row, each refused row with its line and a reason code. Pure (papaparse).
 */
import Papa from 'papaparse';
import { instantToZonedParts, zonedWallTimeToInstant } from '../schedule/zoned-time';
import { CalendarFileError } from './ics-text';
import type { RowProblem } from './schemas';
import type { PostSnapshot } from './snapshot';

export const CSV_COLUMNS = ['date', 'time', 'message', 'link', 'account', 'campaign', 'labels', 'status', 'uid'] as const;
const REQUIRED = ['date', 'time', 'message'] as const;

const URL_RE = /https?:\/\/[^\s<>"]+/;

export function exportCsv(snapshots: readonly PostSnapshot[], zone: string): string {
  const rows = snapshots
    .filter((s) => s.at !== null)
    .map((s) => {
      const p = instantToZonedParts(Date.parse(s.at!), s.timeZone ?? zone);
      const local = s.timeZone && s.timeZone !== zone ? instantToZonedParts(Date.parse(s.at!), zone) : p;
      return [
        local.date,
        local.time,
        s.text,
        URL_RE.exec(s.text)?.[0] ?? '',
        s.targets.map((t) => `${t.network}:${t.handle}`).join(' '),
        s.campaign?.name ?? '',
        s.labels.map((l) => l.name).join('|'),
        s.status,
        s.uid,
      ];
    });
  // A quote-all CSV with CRLF, UTF-8 BOM so spreadsheets read accents right.
  return `\ufeff${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { quotes: true, newline: '\r\n' })}\r\n`;
}

export interface CsvRow {
  line: number;
  date: string;
  time: string;
  message: string;
  link: string;
  account: string;
  campaign: string;
  labels: string[];
  uid: string;
}

export interface CsvReadOptions {
  zone: string;
  nowMs: number;
}

/** Splits the file into rows with their first line; the file as a whole is refused with a typed code (separator, columns). */
export function readCsv(text: string): { rows: CsvRow[]; problems: RowProblem[] } {
  const body = text.replace(/^\ufeff/, '');
  if (body.trim() === '') throw new CalendarFileError('file_empty', { line: 1 });
  const raw: { cells: string[]; line: number }[] = [];
  let offset = 0;
  let line = 1;
  let delimiter = ',';
  Papa.parse<string[]>(body, {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
    step: (result) => {
      delimiter = result.meta.delimiter;
      const end = result.meta.cursor;
      raw.push({ cells: result.data, line });
      line += countNewlines(body, offset, end);
      offset = end;
    },
  });
  const first = raw.find((r) => r.cells.some((c) => c.trim() !== ''));
  if (!first) throw new CalendarFileError('file_empty', { line: 1 });
  if (delimiter !== ',') throw new CalendarFileError('csv_bad_separator', { separator: delimiter === '\t' ? 'tab' : delimiter, line: first.line });
  // A single column holding ; or tabs: the file uses another separator.
  if (first.cells.length === 1) {
    const sep = [';', '\t', '|'].find((s) => first.cells[0]!.includes(s));
    throw new CalendarFileError(sep ? 'csv_bad_separator' : 'csv_missing_columns', sep ? { separator: sep === '\t' ? 'tab' : sep, line: first.line } : { columns: 'time, message', line: first.line });
  }
  const header = /^\s*date\s*$/i.test(first.cells[0] ?? '');
  let columns: string[] = [...CSV_COLUMNS];
  if (header) {
    columns = first.cells.map((c) => c.trim().toLowerCase());
    const missing = REQUIRED.filter((c) => !columns.includes(c));
    if (missing.length > 0) throw new CalendarFileError('csv_missing_columns', { columns: missing.join(', '), line: first.line });
  }
  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  for (const r of raw) {
    if (r === first && header) continue;
    if (r.cells.every((c) => c.trim() === '')) continue;
    if (!header && r.cells.length < 3) {
      problems.push({ line: r.line, code: 'row_columns', params: { line: r.line, expected: 3, found: r.cells.length } });
      continue;
    }
    const cell = (name: string) => (columns.indexOf(name) >= 0 ? (r.cells[columns.indexOf(name)] ?? '') : '');
    rows.push({
      line: r.line,
      date: cell('date').trim(),
      time: cell('time').trim(),
      message: cell('message'),
      link: cell('link').trim(),
      account: cell('account').trim(),
      campaign: cell('campaign').trim(),
      labels: cell('labels').split('|').map((l) => l.trim()).filter(Boolean),
      uid: cell('uid').trim(),
    });
  }
  return { rows, problems };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** "2027-03-25", "25/03/2027" (day first, as in Europe and Hootsuite's own template). */
export function readCsvDate(value: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The instant of a row, or the problem with its date or time. */
export function rowInstant(row: CsvRow, o: CsvReadOptions): { at: number } | RowProblem {
  const problem = (code: string, params: Record<string, string | number> = {}): RowProblem => ({ line: row.line, code, params: { line: row.line, ...params } });
  if (!row.date) return problem('row_date_missing');
  const date = readCsvDate(row.date);
  if (!date) return problem('row_date_invalid', { value: row.date });
  const time = /^(\d{1,2}):(\d{2})$/.exec(row.time);
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59) return problem('row_time_invalid', { value: row.time });
  const at = zonedWallTimeToInstant(date, `${time[1]!.padStart(2, '0')}:${time[2]}`, o.zone);
  if (at < o.nowMs - 60_000) return problem('row_in_past');
  return { at };
}
