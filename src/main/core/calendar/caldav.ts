/**
 * A workspace shared through a CalDAV collection (RFC 4791) with tsdav: one event per post,
 * the same mapping and merge as files. A sync pulls (objects whose ETag did not change are not
 * even parsed), merges what does not conflict in one undoable batch, hands conflicts back as a
 * preview for calendar.importApply, then pushes local changes with If-Match. Offline, nothing is
 * lost: local changes are whatever differs from the exchange base, and go at the next sync.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { exportEvent } from '../../../shared/calendar/ical-export';
import { snapshotKey, type PostSnapshot } from '../../../shared/calendar/snapshot';
import type { CalDavConfig, ImportPreview, SyncResult } from '../../../shared/calendar/schemas';
import type { Workspace } from '../../../shared/domain';
import { toIso } from '../clock';
import type { CalDavRepository } from '../repositories/caldav';
import type { ExchangeRepository } from '../repositories/exchange';
import type { Vault } from '../vault/vault';
import { authHeaders, CalDavServer, Unreachable } from './caldav-server';
import type { ExchangeService } from './exchange';
import { Importer, type StagedImport } from './importer';
import type { Staging } from './staging';

export interface CalDavDeps {
  repo: CalDavRepository;
  exchange: ExchangeRepository;
  files: ExchangeService;
  importer: Importer;
  staging: Staging<StagedImport>;
  vault: Pick<Vault, 'storeSecret' | 'readSecret' | 'deleteSecret'>;
  now: () => number;
  author: () => string;
  /** Tests pass a fetch that times out fast; the default is the global one. */
  fetch?: typeof fetch;
}

export class CalDavService {
  /** One sync at a time per workspace: a second caller shares the running one. */
  private readonly inFlight = new Map<string, Promise<SyncResult>>();
  /** The conflicts preview the last sync left, per workspace. */
  private readonly conflicts = new Map<string, string>();

  private readonly server: CalDavServer;

  constructor(private readonly d: CalDavDeps) {
    this.server = new CalDavServer(d.fetch);
  }

  config(workspaceId: string): CalDavConfig | null {
    const row = this.d.repo.get(workspaceId);
    if (!row) return null;
    return {
      workspaceId,
      url: row.url,
      username: row.username,
      hasPassword: true,
      lastSyncAt: row.last_sync_at === null ? null : toIso(row.last_sync_at),
      lastError: row.last_error,
      pendingChanges: this.pending(workspaceId),
      conflicts: this.openConflicts(workspaceId),
    };
  }

  private openConflicts(workspaceId: string): ImportPreview | null {
    const id = this.conflicts.get(workspaceId);
    if (!id) return null;
    try {
      return Importer.preview(this.d.staging.preview(id));
    } catch {
      this.conflicts.delete(workspaceId); // applied, discarded or expired
      return null;
    }
  }

  /** Saves the collection; when the server answers, checks that it is a calendar and accepts the password. */
  async configure(input: { workspaceId: string; url: string; username: string; password?: string | undefined }): Promise<CalDavConfig> {
    const existing = this.d.repo.get(input.workspaceId);
    const secretId = existing?.secret_id ?? `caldav:${input.workspaceId}`;
    const password = input.password ?? (existing ? this.d.vault.readSecret(secretId) : null);
    if (!password) throw new AppFailure('caldav_password_needed', 'A password is needed for this calendar server.', { field: 'password' });
    const url = input.url.endsWith('/') ? input.url : `${input.url}/`;
    try {
      await this.server.check(url, input.username, password);
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
    }
    if (input.password) this.d.vault.storeSecret(secretId, null, input.password);
    if (existing && existing.url !== url) this.d.repo.remove(input.workspaceId);
    this.d.repo.put(input.workspaceId, url, input.username, secretId);
    return this.config(input.workspaceId)!;
  }

  /** Workspaces linked to a collection. */
  linked(): string[] {
    return this.d.repo.all().map((r) => r.workspace_id);
  }

  remove(workspaceId: string): void {
    const row = this.d.repo.get(workspaceId);
    if (!row) return;
    this.d.vault.deleteSecret(row.secret_id);
    this.d.repo.remove(workspaceId);
  }

  /** Local posts that differ from what was last exchanged: they go at the next sync. */
  pending(workspaceId: string): number {
    const bases = this.d.exchange.bases(workspaceId);
    let n = 0;
    for (const [uid, local] of this.d.exchange.allByUid(workspaceId)) {
      const base = bases.get(uid);
      if (local.deleted) n += base ? 1 : 0;
      else if (local.snapshot.at !== null && (!base || snapshotKey(base) !== snapshotKey(local.snapshot))) n++;
    }
    return n;
  }

  sync(ws: Workspace): Promise<SyncResult> {
    const running = this.inFlight.get(ws.id);
    if (running) return running;
    const started = this.syncNow(ws).then((result) => {
      if (result.conflicts) this.conflicts.set(ws.id, result.conflicts.importId);
      else if (result.state === 'synced') this.conflicts.delete(ws.id);
      return result;
    });
    this.inFlight.set(ws.id, started);
    return started.finally(() => this.inFlight.delete(ws.id));
  }

  private async syncNow(ws: Workspace): Promise<SyncResult> {
    const row = this.d.repo.get(ws.id);
    if (!row) throw new AppFailure('caldav_not_configured', 'No shared calendar is set up for this workspace.');
    const password = this.d.vault.readSecret(row.secret_id);
    if (!password) throw new AppFailure('caldav_auth_failed', 'The calendar password is missing.');
    const headers = authHeaders(row.username, password);
    const calendar = { url: row.url };
    const result: SyncResult = { state: 'synced', pushed: 0, pulled: 0, deletedRemote: 0, deletedLocal: 0, conflicts: null };
    try {
      // 1. Pull.
      const known = this.d.repo.objects(ws.id);
      const bases = this.d.exchange.bases(ws.id);
      const remote = await this.server.fetchAll(calendar, headers);
      const remoteByUid = new Map<string, { href: string; etag: string; snapshot: PostSnapshot }>();
      for (const object of remote) {
        const uidGuess = [...known].find(([, o]) => o.href === object.url)?.[0];
        const base = uidGuess ? bases.get(uidGuess) : undefined;
        if (uidGuess && base && known.get(uidGuess)!.etag === object.etag) {
          remoteByUid.set(uidGuess, { href: object.url, etag: object.etag, snapshot: base });
          continue;
        }
        const parsed = this.d.files.parse(ws, object.data);
        for (const event of parsed.events) remoteByUid.set(event.snapshot.uid, { href: object.url, etag: object.etag, snapshot: event.snapshot });
      }
      const items = this.d.importer.stage(ws.id, [...remoteByUid.values()].map((r) => r.snapshot), { uids: new Set(known.keys()) });
      const conflicts = items.filter((i) => i.plan.change === 'conflict');
      const clean = items.filter((i) => i.plan.change !== 'conflict' && i.plan.change !== 'unchanged');
      if (clean.length > 0) {
        const applied = this.d.importer.apply(
          { importId: randomUUID(), workspaceId: ws.id, format: 'tribune_ics', source: 'caldav', fileName: row.url, items: clean, rowProblems: [] },
          [],
          true,
          this.d.author(),
        );
        result.pulled = applied.created + applied.updated;
        result.deletedLocal = applied.deleted;
      }
      if (conflicts.length > 0) {
        const staged: StagedImport = { importId: randomUUID(), workspaceId: ws.id, format: 'tribune_ics', source: 'caldav', fileName: row.url, items: conflicts, rowProblems: [] };
        this.d.staging.keep(staged.importId, staged);
        result.conflicts = Importer.preview(staged);
        result.state = 'conflicts';
      }
      const held = new Set(conflicts.map((c) => c.uid));
      const sent = new Set<string>();

      // 2. Push what changed here since the last exchange.
      const locals = this.d.exchange.allByUid(ws.id);
      const basesNow = this.d.exchange.bases(ws.id);
      for (const [uid, local] of locals) {
        if (held.has(uid)) continue;
        const onServer = remoteByUid.get(uid);
        const base = basesNow.get(uid);
        if (local.deleted) {
          if (onServer && base && snapshotKey(onServer.snapshot) === snapshotKey(base)) {
            if (await this.server.delete(onServer, headers)) {
              this.d.exchange.deleteBase(ws.id, uid);
              result.deletedRemote++;
            }
          }
          continue;
        }
        if (local.snapshot.at === null) continue;
        if (onServer && snapshotKey(onServer.snapshot) === snapshotKey(local.snapshot)) continue;
        if (!onServer && known.has(uid)) continue; // deleted on the server: handled by the merge above
        const text = exportEvent({ workspaceId: ws.id, workspaceName: ws.name, timeZone: ws.timeZone, now: new Date(this.d.now()).toISOString() }, local.snapshot);
        const written = onServer
          ? await this.server.update(onServer, text, headers)
          : await this.server.create(calendar, uid, text, headers);
        // Changed on the server since it was read: not sent, the base stays, and the next sync merges both sides.
        if (!written) continue;
        this.d.exchange.putBase(ws.id, local.snapshot);
        sent.add(uid);
        result.pushed++;
      }

      // 3. Remember what the server holds now (ETags), except what someone else changed during this
      // sync: its ETag stays the one read, so that the next sync reads their version and merges it.
      // A conflict still waiting for the person's choice keeps no ETag: every sync reads their
      // version again (and holds ours back) until it is settled.
      const after = await this.server.fetchAll(calendar, headers);
      const objects = new Map<string, { href: string; etag: string }>();
      const byHref = new Map([...remoteByUid].map(([uid, r]) => [r.href, uid]));
      for (const object of after) {
        const uid = byHref.get(object.url) ?? this.d.files.parse(ws, object.data).events[0]?.snapshot.uid;
        if (!uid) continue;
        const read = remoteByUid.get(uid)?.etag;
        const etag = held.has(uid) ? '' : read !== undefined && !sent.has(uid) ? read : object.etag;
        objects.set(uid, { href: object.url, etag });
      }
      this.d.repo.setObjects(ws.id, objects);
      this.d.repo.setStatus(ws.id, this.d.now(), null);
      return result;
    } catch (error) {
      if (error instanceof Unreachable) {
        this.d.repo.setStatus(ws.id, null, 'caldav_unreachable');
        return { ...result, state: 'offline' };
      }
      if (error instanceof AppFailure) this.d.repo.setStatus(ws.id, null, error.code);
      throw error;
    }
  }
}
