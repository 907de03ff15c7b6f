/** The exchange half of the calendar contract: export, chunked upload, import preview/apply/undo, CalDAV. */
import { AppFailure } from '../../../shared/result';
import type { Handlers } from '../handler-types';
import type { CalendarExchangeCommands } from './names';
import type { CalendarServices } from './services';

const notYet = (): never => {
  throw new AppFailure('internal', 'This part of the calendar exchange is not available yet.');
};

export function createCalendarExchangeHandlers(_s: CalendarServices): Pick<Handlers, CalendarExchangeCommands> {
  return {
    'calendar.export': notYet,
    'calendar.uploadBegin': notYet,
    'calendar.uploadChunk': notYet,
    'calendar.importPreview': notYet,
    'calendar.importApply': notYet,
    'calendar.importDiscard': notYet,
    'calendar.importList': notYet,
    'calendar.importUndo': notYet,
    'caldav.get': notYet,
    'caldav.set': notYet,
    'caldav.remove': notYet,
    'caldav.sync': notYet,
  };
}
