import sharp from 'sharp';
import { defineHandlers } from './handler-types';
import { failures } from './failures';
import type { AccountService } from './publishing/accounts';
import type { PublishingService } from './publishing/service';
import type { MediaRepository } from './repositories/media';
import type { MediaImporter } from './media/import';
import type { AccountRepository } from './repositories/accounts';
import type { WorkspaceSettingsRepository } from './repositories/workspace-settings';
import type { WorkspaceRepository } from './repositories/workspaces';
import type { Clock } from './clock';

export interface PublishingServices {
  clock: Clock;
  publishing: PublishingService;
  accountService: AccountService;
  accounts: AccountRepository;
  media: MediaRepository;
  mediaImporter: MediaImporter;
  workspaces: WorkspaceRepository;
  workspaceSettings: WorkspaceSettingsRepository;
}

/** The handlers of accounts, posts and media (the publishing half of the contract). */
export function createPublishingHandlers(s: PublishingServices) {
  const requireAccount = (id: string) => {
    const account = s.accounts.get(id);
    if (!account || account.removed) throw failures.accountNotFound();
    return account;
  };
  const requireWorkspace = (id: string) => s.workspaces.get(id) ?? (() => { throw failures.workspaceNotFound(); })();

  return defineHandlers({
    'account.connectBluesky': ({ workspaceId, identifier, appPassword, serviceUrl }) => (
      requireWorkspace(workspaceId),
      s.accountService.connectWithPassword('bluesky', { workspaceId, identifier, password: appPassword, ...(serviceUrl ? { serviceUrl } : {}) })
    ),
    'account.beginMastodon': ({ workspaceId, instance }) => (requireWorkspace(workspaceId), s.accountService.beginAuthorization('mastodon', { workspaceId, server: instance })),
    'account.completeMastodon': (input) => s.accountService.completeAuthorization(input),
    'account.cancelMastodon': ({ attemptId }) => (s.accountService.cancelAuthorization(attemptId), { done: true as const }),
    'account.remove': async ({ id, deleteHistory }) => (await s.accountService.remove(id, deleteHistory), { done: true as const }),
    'account.capabilities': ({ id }) => s.accountService.capabilities(id),
    'account.getSlots': ({ id }) => {
      const account = requireAccount(id);
      return s.accounts.slots(id, s.workspaceSettings.get(account.workspaceId).timeZone);
    },
    'account.setSlots': ({ id, slots, timeZone }) => {
      requireAccount(id);
      s.accounts.setSlots(id, slots, timeZone);
      return s.accounts.slots(id, timeZone);
    },

    'workspace.getPublishing': ({ id }) => {
      requireWorkspace(id);
      const { missedPolicy, requireAltText, keepPhotoMetadata } = s.workspaceSettings.get(id);
      return { missedPolicy, requireAltText, keepPhotoMetadata };
    },
    'workspace.setPublishing': ({ id, ...patch }) => {
      requireWorkspace(id);
      const { missedPolicy, requireAltText, keepPhotoMetadata } = s.workspaceSettings.set(id, patch);
      return { missedPolicy, requireAltText, keepPhotoMetadata };
    },

    'draft.content': ({ id }) => ({ content: s.publishing.content(id), post: s.publishing.view(id) }),
    'post.validate': ({ draftId }) => s.publishing.validate(draftId),
    'post.publishNow': ({ draftId }) => s.publishing.publishNow(draftId),
    'post.schedule': ({ draftId, at, timeZone }) => s.publishing.schedule(draftId, Date.parse(at), timeZone),
    'post.addToQueue': ({ draftId }) => s.publishing.addToQueue(draftId),
    'post.cancel': ({ draftId }) => s.publishing.cancel(draftId),
    'post.retryTarget': ({ targetId }) => s.publishing.retryTarget(targetId),
    'post.resolveMissed': ({ targetIds, decision }) => (s.publishing.resolveMissed(targetIds, decision), { done: true as const }),
    'post.list': ({ workspaceId, column }) => s.publishing.list(workspaceId, column),

    'media.import': ({ workspaceId, fileName, dataBase64 }) => s.mediaImporter.fromBytes({ workspaceId, fileName }, Buffer.from(dataBase64, 'base64')),
    'media.thumbnail': async ({ id }) => {
      const media = s.media.get(id);
      if (!media) throw failures.mediaNotFound();
      const jpeg = await sharp(media.path).rotate().resize(320, 320, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
      return { dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}` };
    },
  });
}
