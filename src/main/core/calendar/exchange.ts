/**
 * Files in and out: export (iCalendar, CSV, bundle) and import previews of each kind. Applying,
 * undoing and the merge itself live in importer.ts; the file formats in src/shared/calendar.
 */
import fs from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { AppFailure } from '../../../shared/result';
import { parseCalendar } from '../../../shared/calendar/ical-import';
import { decodeUtf8 } from '../../../shared/calendar/ics-text';
import { exportCsv } from '../../../shared/calendar/csv';
import type { ExportFormat, ImportPreview } from '../../../shared/calendar/schemas';
import type { PostSnapshot, SnapshotMedia } from '../../../shared/calendar/snapshot';
import { MAX_IMPORT_BYTES } from '../../../shared/calendar/contract';
import type { AccountRepository } from '../repositories/accounts';
import type { CampaignRepository } from '../repositories/campaigns';
import type { ExchangeRepository } from '../repositories/exchange';
import type { MediaRepository } from '../repositories/media';
import type { Workspace } from '../../../shared/domain';
import type { Db } from '../store/database';
import { asFailure, checkSize, detectKind } from './files';
import { csvSnapshots } from './csv-import';
import { CalendarFileBytes } from './ics-bytes';
import type { Importer, StagedImport } from './importer';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };
const mediaName = (m: SnapshotMedia) => `media/${m.sha256}.${EXT[m.mime] ?? 'bin'}`;
/** UTF-8 bytes of a file's text (native encoder: a 13 MB calendar in milliseconds). */
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]+/gu, '-').slice(0, 60) || 'tribune';

export interface ExchangeDeps {
  db: Db;
  now: () => number;
  exchange: ExchangeRepository;
  importer: Importer;
  campaigns: CampaignRepository;
  accounts: AccountRepository;
  media: MediaRepository | null;
}

export class ExchangeService {
  constructor(private readonly d: ExchangeDeps) {}

  exportFile(ws: Workspace, from: string, to: string, format: ExportFormat): { fileName: string; mime: string; data: Uint8Array; posts: number } {
    // The first day as the workspace's calendar shows it (midnight in Paris is the day before in UTC).
    const firstDay = new Intl.DateTimeFormat('en-CA', { timeZone: ws.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.parse(from));
    const base = `${safeName(ws.name)}-${firstDay}`;
    if (format === 'csv') {
      const snapshots = this.d.exchange.forExport(ws.id, Date.parse(from), Date.parse(to));
      return { fileName: `${base}.csv`, mime: 'text/csv', data: utf8(exportCsv(snapshots, ws.timeZone)), posts: snapshots.length };
    }
    const calendar = this.calendarBytes(ws, from, to);
    if (format === 'ics') return { fileName: `${base}.ics`, mime: 'text/calendar', data: calendar.data, posts: calendar.posts };
    const files: Record<string, Uint8Array> = { 'calendar.ics': calendar.data };
    for (const m of calendar.media) {
      const local = this.d.media?.get(m.id);
      if (local && fs.existsSync(local.path)) files[mediaName(m)] = fs.readFileSync(local.path);
    }
    return { fileName: `${base}.tribune.zip`, mime: 'application/zip', data: zipSync(files, { level: 6 }), posts: calendar.posts };
  }

  /**
   * The iCalendar file (UTF-8) of the posts of [from, to), each written as it is read (none is
   * kept once written); what it carries becomes the exchange base (the last version exchanged).
   */
  calendarBytes(ws: Workspace, from: string, to: string): { data: Uint8Array; posts: number; media: SnapshotMedia[] } {
    const file = new CalendarFileBytes({ workspaceId: ws.id, workspaceName: ws.name, timeZone: ws.timeZone, from, to, now: new Date(this.d.now()).toISOString() });
    const changed: PostSnapshot[] = [];
    const media: SnapshotMedia[] = [];
    let posts = 0;
    const visit = (s: PostSnapshot, contentJson: string | undefined, current: boolean) => {
      file.add(s, contentJson);
      posts++;
      for (const m of s.media) media.push(m);
      // Exporting again what was last exchanged rewrites no base.
      if (!current) changed.push(s);
    };
    this.d.exchange.eachForExport(ws.id, Date.parse(from), Date.parse(to), visit, (n) => file.expect(n));
    const data = file.result();
    this.d.db.transaction(() => this.d.exchange.putBases(ws.id, changed))();
    return { data, posts, media };
  }

  /** Reads the whole file and stages what importing it would do; nothing is written. */
  stage(ws: Workspace, fileName: string, data: Uint8Array): StagedImport {
    checkSize(data.length);
    const kind = detectKind(fileName, data);
    const importId = randomUUID();
    try {
      if (kind === 'csv') {
        const text = decodeUtf8(data, 'csv_bad_encoding');
        const { snapshots, problems } = csvSnapshots(text, {
          zone: ws.timeZone,
          nowMs: this.d.now(),
          accounts: this.d.accounts.list(ws.id),
          capabilities: (id) => this.d.accounts.cachedCapabilities(id),
          campaigns: this.d.campaigns.listCampaigns(ws.id),
          labels: this.d.campaigns.listLabels(ws.id),
          locals: this.d.exchange.allByUid(ws.id),
        });
        return { importId, workspaceId: ws.id, format: 'csv', source: 'csv', fileName, items: this.d.importer.stage(ws.id, snapshots, 'none'), rowProblems: problems };
      }
      if (kind === 'bundle') return this.stageBundle(ws, fileName, data, importId);
      const parsed = this.parse(ws, decodeUtf8(data, 'calendar_bad_line'));
      return {
        importId,
        workspaceId: ws.id,
        format: parsed.format,
        source: 'ics',
        fileName,
        items: this.d.importer.stage(ws.id, parsed.events.map((e) => e.snapshot), parsed.range ?? 'none'),
        rowProblems: [],
      };
    } catch (error) {
      return asFailure(error);
    }
  }

  parse(ws: Workspace, text: string) {
    return parseCalendar(text, { timeZone: ws.timeZone, newId: () => randomUUID(), nowIso: new Date(this.d.now()).toISOString() });
  }

  private stageBundle(ws: Workspace, fileName: string, data: Uint8Array, importId: string): StagedImport {
    let total = 0;
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(data, {
        filter: (f) => {
          total += f.originalSize;
          if (total > MAX_IMPORT_BYTES * 4) throw new AppFailure('file_too_large', 'This bundle unpacks too large.', { maxBytes: MAX_IMPORT_BYTES * 4, maxMegabytes: (MAX_IMPORT_BYTES * 4) / 1024 / 1024 });
          return f.name === 'calendar.ics' || /^media\/[0-9a-f]{64}\.[a-z]+$/.test(f.name);
        },
      });
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      throw new AppFailure('bundle_invalid', 'This is not a Tribune bundle.');
    }
    const calendar = files['calendar.ics'];
    if (!calendar) throw new AppFailure('bundle_invalid', 'This bundle has no calendar.');
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.startsWith('media/')) continue;
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (!name.startsWith(`media/${sha}.`)) throw new AppFailure('bundle_media_mismatch', 'An image of the bundle does not match its name.', { file: name });
    }
    const parsed = this.parse(ws, decodeUtf8(calendar, 'calendar_bad_line'));
    // The apply needs the images only: the calendar's bytes are not kept with the staged import.
    delete files['calendar.ics'];
    const snapshots = parsed.events.map((e) => e.snapshot);
    const media = this.d.media;
    return {
      importId,
      workspaceId: ws.id,
      format: 'bundle',
      source: 'bundle',
      fileName,
      items: this.d.importer.stage(ws.id, snapshots, parsed.range ?? 'none'),
      rowProblems: [],
      beforeCommit: (applied) => {
        if (!media) return;
        for (const result of applied.values()) {
          if (!result || result === 'delete') continue;
          for (const m of result.media) {
            const bytes = files[mediaName(m)];
            if (!bytes || this.d.exchange.mediaExists(m.id)) continue;
            media.add({ id: m.id, workspaceId: ws.id, fileName: m.fileName, mime: m.mime, bytes: bytes.length, width: m.width, height: m.height, data: Buffer.from(bytes), createdAt: this.d.now() });
          }
        }
      },
    };
  }
}

export type { ImportPreview };
