import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload } from '../../shared/contract';
import { defineHandlers } from './handler-types';
import { failures } from './failures';
import { WORKSPACE_COLORS, type Language } from '../../shared/domain';
import type { Clock } from './clock';
import type { AccountRepository } from './repositories/accounts';
import type { DraftRepository, SaveOutcome } from './repositories/drafts';
import type { SettingsRepository } from './repositories/settings';
import type { WorkspaceRepository } from './repositories/workspaces';
import type { Vault } from './vault/vault';

export interface Services {
  clock: Clock;
  workspaces: WorkspaceRepository;
  drafts: DraftRepository;
  accounts: AccountRepository;
  settings: SettingsRepository;
  vault: Vault;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  info: { version: string; dataDir: string; host: 'desktop' | 'web'; systemLanguage: Language; notices: string[]; sandbox: boolean; sandboxPdsUrl: string | null };
  /** Runs a draft's save; a planned post is re-planned in the same transaction (publishing/commands.ts). */
  saveDraft: (draftId: string, save: () => SaveOutcome) => SaveOutcome;
}

export type { Handler, Handlers } from './handler-types';

const isValidTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};


/** One handler per command of the contract; inputs arrive already parsed. */
export function createHandlers(s: Services) {
  const requireWorkspace = (id: string) => s.workspaces.get(id) ?? (() => { throw failures.workspaceNotFound(); })();

  return defineHandlers({
    'app.info': () => s.info,

    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.settings.update(patch),

    'workspace.list': () => s.workspaces.list(),
    'workspace.create': (input) => {
      const timeZone = input.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
      if (!isValidTimeZone(timeZone)) throw failures.timeZoneUnknown(timeZone);
      const id = input.id ?? randomUUID();
      const existing = s.workspaces.get(id);
      if (existing) return existing; // a retried create
      const color = input.color ?? WORKSPACE_COLORS[s.workspaces.list().length % WORKSPACE_COLORS.length]!;
      const workspace = s.workspaces.create({ id, name: input.name, color, timeZone, createdAt: s.clock.now() });
      s.emit('workspaces.changed', {});
      return workspace;
    },
    'workspace.rename': ({ id, name }) => {
      const workspace = s.workspaces.rename(id, name) ?? (() => { throw failures.workspaceNotFound(); })();
      s.emit('workspaces.changed', {});
      return workspace;
    },
    'workspace.delete': ({ id }) => {
      if (!s.workspaces.delete(id)) throw failures.workspaceNotFound();
      s.emit('workspaces.changed', {});
      return { done: true };
    },

    'account.list': ({ workspaceId }) => s.accounts.list(workspaceId),

    'draft.list': ({ workspaceId }) => s.drafts.list(workspaceId),
    'draft.get': ({ id }) => {
      const draft = s.drafts.get(id);
      if (!draft || draft.deleted) throw failures.draftNotFound();
      const { deleted: _deleted, ...rest } = draft;
      return rest;
    },
    'draft.save': ({ id, workspaceId, text, content }) => {
      requireWorkspace(workspaceId);
      const outcome = s.saveDraft(id, () => s.drafts.save({ id, workspaceId, text, now: s.clock.now(), ...(content ? { contentJson: JSON.stringify(content) } : {}) }));
      if ('conflict' in outcome) {
        throw outcome.conflict === 'deleted' ? failures.draftDeleted() : failures.draftIdTaken();
      }
      s.emit('drafts.changed', { workspaceId });
      return outcome.draft;
    },
    'draft.duplicate': ({ id, newId }) => {
      const source = s.drafts.get(id);
      if (!source || source.deleted) throw failures.draftNotFound();
      const content = s.drafts.publishing(id)?.content;
      const outcome = s.drafts.save({
        id: newId ?? randomUUID(),
        workspaceId: source.workspaceId,
        text: source.text,
        now: s.clock.now(),
        ...(content ? { contentJson: content } : {}),
      });
      if ('conflict' in outcome) throw failures.draftIdTaken();
      s.emit('drafts.changed', { workspaceId: source.workspaceId });
      return outcome.draft;
    },
    'draft.delete': ({ id }) => {
      const draft = s.drafts.get(id);
      if (!draft || !s.drafts.softDelete(id, s.clock.now())) throw failures.draftNotFound();
      s.emit('drafts.changed', { workspaceId: draft.workspaceId });
      return { done: true };
    },
    'draft.restore': ({ id }) => {
      const draft = s.drafts.get(id);
      if (!draft || !s.drafts.restore(id, s.clock.now())) throw failures.draftNotFound();
      s.emit('drafts.changed', { workspaceId: draft.workspaceId });
      const { deleted: _deleted, ...rest } = s.drafts.get(id)!;
      return rest;
    },

    'vault.status': () => s.vault.status(),
    'vault.setupPassphrase': ({ passphrase }) => s.vault.setupPassphrase(passphrase),
    'vault.unlock': ({ passphrase }) => s.vault.unlock(passphrase),
    'vault.useUnprotectedKey': () => s.vault.useUnprotectedKey(),
  });
}

