/**
 * openCore(): the core's start and stop. Opens the store and the vault, wires the services
 * (wiring.ts), starts them once the vault can give the accounts' tokens, answers every command
 * through the contract (dispatch.ts), keeps the day's backup (daily-backups.ts), and closes in
 * order: the loops, then the backup, then the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Id } from '../../shared/domain';
import type { EventName } from '../../shared/contract';
import { fail, ok } from '../../shared/result';
import { systemClock } from './clock';
import { DailyBackups } from './daily-backups';
import { createDispatch } from './dispatch';
import { createLogger } from './log';
import { openStore } from './store/database';
import type { Core, CoreEventListener, CoreOptions } from './types';
import { loadSystemKeychain } from './vault/keychain';
import { Vault } from './vault/vault';
import { wireCore } from './wiring';

const MediaUploadInput = z.object({ workspaceId: Id, fileName: z.string().min(1).max(255) });

export const DATABASE_FILE = 'tribune.sqlite3';
export const BACKUP_DIR = 'backups';
const SHUTTING_DOWN = 'Tribune is shutting down.';

/** Opens the database, the vault and the handlers; throws StoreOpenError when the database must not be touched. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  fs.mkdirSync(options.dataDir, { recursive: true });
  const backupDir = path.join(options.dataDir, BACKUP_DIR);
  const store = await openStore({ file: path.join(options.dataDir, DATABASE_FILE), backupDir, clock });
  const { db } = store;
  if (options.maxDatabasePages) db.pragma(`max_page_count = ${Math.floor(options.maxDatabasePages)}`);

  const keychainResult = options.keychain ? { keychain: options.keychain, problem: null } : await loadSystemKeychain();
  const vault = await Vault.open({ db, dataDir: options.dataDir, keychain: keychainResult.keychain, keychainProblem: keychainResult.problem, clock });
  const log = createLogger((text) => vault.scrubber.scrub(text), options.logSink);

  const listeners = new Set<CoreEventListener>();
  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        log.error(`event listener failed for ${event}`, error);
      }
    }
  };
  vault.onChange((status) => emit('vault.changed', status));

  const notices: string[] = [];
  if (store.backupsTaken.length > 0) notices.push(`The database was upgraded to version ${store.version}; a backup of the previous version was kept.`);

  const wired = wireCore({ options, db, clock, vault, log, emit, on: (listener) => listeners.add(listener), notices });
  // Publishing and the session checks need the accounts' tokens: they start once the vault can give them.
  if (vault.status().state === 'ready') wired.start();
  vault.onChange((status) => {
    if (status.state === 'ready') wired.start();
  });
  const backups = new DailyBackups({ db, backupDir, clock, log });
  const dispatch = createDispatch({ handlers: wired.handlers, log, scrub: (text) => vault.scrubber.scrub(text), checkAnswers: options.checkAnswers ?? true });

  let closed = false;
  return {
    dataDir: options.dataDir,
    handle: (command, input) => (closed ? Promise.resolve(fail('internal', SHUTTING_DOWN)) : dispatch.handle(command, input)),
    mediaUploads: {
      incomingDir: () => wired.mediaImporter.incomingDir(),
      import: (input, file) => {
        if (closed) {
          fs.rmSync(file, { force: true });
          return Promise.resolve(fail('internal', SHUTTING_DOWN));
        }
        const parsed = MediaUploadInput.safeParse(input);
        if (!parsed.success) {
          fs.rmSync(file, { force: true });
          return Promise.resolve(fail('invalid_input', 'The upload did not say which workspace and file name it is for.'));
        }
        return dispatch.run('media upload', async () => ok(await wired.mediaImporter.fromFile(parsed.data, file)));
      },
    },
    wake: wired.wake,
    remoteImage: (key) => (closed ? Promise.resolve(null) : wired.remoteImage(key)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      backups.stopTimers();
      await wired.stop();
      await backups.close();
      listeners.clear();
      store.close();
    },
  };
}
