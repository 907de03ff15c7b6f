/** The exchange half of the calendar contract: export, chunked upload, import preview/apply/undo, CalDAV. */
import { AppFailure } from '../../../shared/result';
import type { Handlers } from '../handler-types';
import type { ExchangeService } from './exchange';
import { Importer, type StagedImport } from './importer';
import type { CalendarExchangeCommands } from './names';
import type { CalendarServices } from './services';
import type { Staging } from './staging';
import type { CalDavService } from './caldav';

export interface ExchangeHandlerDeps {
  exchange: ExchangeService;
  importer: Importer;
  staging: Staging<StagedImport>;
  caldav: CalDavService;
}

export function createCalendarExchangeHandlers(s: CalendarServices, x: ExchangeHandlerDeps): Pick<Handlers, CalendarExchangeCommands> {
  const workspace = (id: string) => s.workspaces.get(id) ?? (() => { throw new AppFailure('workspace_not_found', 'This workspace was not found.'); })();
  const author = () => s.settings.get().profileName || '';
  const changed = (workspaceId: string) => {
    s.emit('calendar.changed', { workspaceId });
    s.emit('drafts.changed', { workspaceId });
  };

  return {
    'calendar.export': ({ workspaceId, from, to, format }) => {
      const ws = workspace(workspaceId);
      const file = x.exchange.exportFile(ws, from, to, format);
      return { fileName: file.fileName, mime: file.mime, dataBase64: Buffer.from(file.data).toString('base64'), posts: file.posts };
    },
    'calendar.uploadBegin': ({ workspaceId, fileName, bytes }) => (workspace(workspaceId), x.staging.begin(workspaceId, fileName, bytes)),
    'calendar.uploadChunk': ({ uploadId, index, dataBase64 }) => x.staging.chunk(uploadId, index, Buffer.from(dataBase64, 'base64')),
    'calendar.importPreview': ({ workspaceId, uploadId, fileName, dataBase64 }) => {
      const ws = workspace(workspaceId);
      const file = uploadId ? x.staging.take(uploadId, workspaceId) : { fileName: fileName ?? 'calendar.ics', data: Buffer.from(dataBase64 ?? '', 'base64') };
      const staged = x.exchange.stage(ws, file.fileName, file.data);
      x.staging.keep(staged.importId, staged);
      return Importer.preview(staged);
    },
    'calendar.importApply': ({ importId, choices, includeDeletes }) => {
      const staged = x.staging.preview(importId);
      const result = x.importer.apply(staged, choices, includeDeletes, author());
      x.staging.drop(importId);
      if (result.batchId) changed(staged.workspaceId);
      return result;
    },
    'calendar.importDiscard': ({ importId }) => (x.staging.drop(importId), { done: true as const }),
    'calendar.importList': ({ workspaceId }) => (workspace(workspaceId), s.history.batches(workspaceId)),
    'calendar.importUndo': ({ batchId }) => {
      const batch = s.history.batch(batchId);
      const result = x.importer.undo(batchId, author());
      if (batch) changed(batch.workspaceId);
      return result;
    },
    'caldav.get': ({ workspaceId }) => (workspace(workspaceId), x.caldav.config(workspaceId)),
    'caldav.set': async (input) => (workspace(input.workspaceId), await x.caldav.configure(input)),
    'caldav.remove': ({ workspaceId }) => (x.caldav.remove(workspaceId), { done: true as const }),
    'caldav.sync': async ({ workspaceId }) => {
      const result = await x.caldav.sync(workspace(workspaceId));
      if (result.pulled + result.deletedLocal > 0) changed(workspaceId);
      return result;
    },
  };
}
