/** Reading an uploaded file: size, format detection, and the typed refusals of a file that cannot be read whole. */
import { AppFailure } from '../../../shared/result';
import { MAX_IMPORT_BYTES } from '../../../shared/calendar/contract';
import { CalendarFileError } from '../../../shared/calendar/ics-text';

export type FileKind = 'ics' | 'csv' | 'bundle';

export function checkSize(bytes: number): void {
  if (bytes === 0) throw new AppFailure('file_empty', 'This file is empty.');
  if (bytes > MAX_IMPORT_BYTES) {
    throw new AppFailure('file_too_large', 'This file is too large.', { maxBytes: MAX_IMPORT_BYTES, maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 });
  }
}

/** Zip magic -> bundle; BEGIN:VCALENDAR (after a BOM or blank lines) or a .ics name -> calendar; otherwise CSV when named so. */
export function detectKind(fileName: string, data: Uint8Array): FileKind {
  if (data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'bundle';
  const head = Buffer.from(data.subarray(0, 64)).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toUpperCase();
  if (head.startsWith('BEGIN:VCALENDAR')) return 'ics';
  if (/\.(csv|tsv|txt)$/i.test(fileName)) return 'csv';
  return 'ics'; // and the calendar reader says precisely why it is not one
}

/** A CalendarFileError as the typed failure the renderer translates. */
export function asFailure(error: unknown): never {
  if (error instanceof CalendarFileError) throw new AppFailure(error.code, `The file cannot be read: ${error.code} at line ${String(error.params.line ?? '?')}.`, error.params);
  throw error;
}
