/**
 * The Mastodon connector: publishes threads (media with alt text, content warning, language,
 * visibility, poll, in_reply_to_id chain, Idempotency-Key per part), deletes, checks health and
 * revokes its token. Works with any server implementing the Mastodon client API.
 *
 * Statuses, media and delete use plain fetch (see http.ts for why); verify_credentials and
 * revoke use masto.js.
 */
import { z } from 'zod';
import type { AccountHealth } from '../../../../shared/domain';
import type { Capabilities } from '../../../../shared/publishing';
import { PublishError, type Connector, type PublishInput, type RemotePart, type SecretsPort } from '../types';
import { readInstance, type InstanceInfo } from './capabilities';
import { DEFAULT_TIMEOUT_MS, MastodonHttp } from './http';
import { normalizeInstanceUrl } from './instance-url';
import { prepareImage, uploadImage } from './media';
import { checkToken, revokeToken } from './tokens';
import { createMastodonModerator } from './moderate';
import { createMastodonReader } from './read';

/** What the vault keeps for a Mastodon account (JSON). */
export const MastodonSecrets = z.object({
  accessToken: z.string().min(1),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
});
export type MastodonSecrets = z.infer<typeof MastodonSecrets>;

export interface MastodonConnectorOptions {
  accountId: string;
  instanceUrl: string;
  secrets: SecretsPort;
  /** Called when the server answers 401: the token is expired or revoked. */
  onReconnectNeeded?: () => void;
  /** Per request (default 30 s). Media uploads get at least 2 minutes. */
  timeoutMs?: number;
  /** Pause between two GET /api/v1/media/:id while the server processes an upload (default 1 s). */
  mediaPollIntervalMs?: number;
  /** How long to wait for media processing before failing with kind timeout (default 5 minutes). */
  mediaProcessingTimeoutMs?: number;
  /** How long fetched capabilities are reused (default 1 hour). */
  capabilitiesTtlMs?: number;
}

const MIN_UPLOAD_TIMEOUT_MS = 120_000;

/** Mastodon keeps ISO 639-1/3 codes without a region ("pt-BR" is stored as "pt"). */
const languageCode = (tag: string) => tag.split('-')[0]!.toLowerCase();

/**
 * A part with nothing to show (no text but spaces, no image, no poll) is refused here, before
 * any request: some Mastodon-API servers publish an empty public status instead of refusing it.
 */
function refuseBlankParts(input: PublishInput): void {
  input.parts.forEach((part, index) => {
    if (input.alreadySent[index]) return;
    const hasPoll = index === 0 && input.poll !== null;
    if (!part.text.trim() && part.media.length === 0 && !hasPoll) {
      const which = input.parts.length > 1 ? `Part ${index + 1} of this thread` : 'This post';
      throw new PublishError({ kind: 'http', status: 422, message: `${which} is empty: Tribune does not publish a blank post.` });
    }
  });
}

export function createMastodonConnector(opts: MastodonConnectorOptions): Connector {
  const instanceUrl = normalizeInstanceUrl(opts.instanceUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pollIntervalMs = opts.mediaPollIntervalMs ?? 1_000;
  const processingTimeoutMs = opts.mediaProcessingTimeoutMs ?? 5 * 60_000;
  const capabilitiesTtlMs = opts.capabilitiesTtlMs ?? 3_600_000;

  const unauthorized = () => opts.onReconnectNeeded?.();
  const http = new MastodonHttp(instanceUrl, unauthorized);

  const loadSecrets = async (): Promise<MastodonSecrets | null> => {
    const raw = await opts.secrets.load();
    if (raw === null) return null;
    try {
      return MastodonSecrets.parse(JSON.parse(raw));
    } catch {
      return null;
    }
  };
  const requireSecrets = async (): Promise<MastodonSecrets> => {
    const secrets = await loadSecrets();
    if (secrets) return secrets;
    unauthorized();
    throw new PublishError({ kind: 'http', status: 401, message: 'This Mastodon account has no valid access token: reconnect it.' }, true);
  };

  let instance: { info: InstanceInfo; at: number } | null = null;
  const instanceInfo = async (): Promise<InstanceInfo> => {
    if (instance && Date.now() - instance.at < capabilitiesTtlMs) return instance.info;
    const info = await readInstance(instanceUrl, { timeoutMs });
    // Defaults after a failure are not worth keeping: ask again next time.
    if (info.source !== 'defaults') instance = { info, at: Date.now() };
    return info;
  };

  const cancelled = () => new PublishError({ kind: 'network', message: 'Publishing was cancelled.' });
  /** A post from another server, as a status id on this one (search with resolve). */
  const resolveStatus = async (uri: string, accessToken: string, signal: AbortSignal): Promise<string> => {
    const { body } = await http.request({ method: 'GET', path: `/api/v2/search?${new URLSearchParams({ q: uri, type: 'statuses', resolve: 'true', limit: '1' }).toString()}`, accessToken, timeoutMs, signal });
    const id = (body as { statuses?: { id?: unknown }[] } | null)?.statuses?.[0]?.id;
    if (typeof id !== 'string') throw new PublishError({ kind: 'http', status: 404, message: 'The post this answers cannot be found from this account’s server.' });
    return id;
  };

  return {
    network: 'mastodon',
    accountId: opts.accountId,
    /** The board's reads and actions (read.ts), with this account's token. */
    reader: createMastodonReader({
      http,
      timeoutMs,
      token: async () => (await loadSecrets())?.accessToken ?? null,
      streamingUrl: async () => (await instanceInfo()).streamingUrl,
    }),
    /** Moderation (moderate.ts): reports, mutes, blocks. */
    moderator: createMastodonModerator({ http, timeoutMs, token: async () => (await loadSecrets())?.accessToken ?? null }),

    async capabilities(): Promise<Capabilities> {
      return (await instanceInfo()).capabilities;
    },

    async publish(input: PublishInput): Promise<RemotePart[]> {
      refuseBlankParts(input);
      const { accessToken } = await requireSecrets();
      const results: RemotePart[] = [];
      let previous: RemotePart | null = null;

      for (const [index, part] of input.parts.entries()) {
        const done = input.alreadySent[index];
        if (done) {
          results.push(done);
          previous = done;
          continue;
        }
        if (input.signal.aborted) throw cancelled();
        const key = input.partKeys[index];
        if (!key) throw new Error(`publish: no idempotency key for part ${index}`);

        const mediaIds: string[] = [];
        if (part.media.length) {
          const info = await instanceInfo();
          const limits = { maxImageBytes: info.capabilities.media.maxImageBytes, imageMatrixLimit: info.imageMatrixLimit };
          for (const file of part.media) {
            const image = await prepareImage(file, limits);
            if (input.signal.aborted) throw cancelled();
            mediaIds.push(
              await uploadImage(http, image, file.alt, {
                accessToken,
                timeoutMs: Math.max(timeoutMs, MIN_UPLOAD_TIMEOUT_MS),
                pollIntervalMs,
                processingTimeoutMs,
                signal: input.signal,
              }),
            );
          }
        }

        // Only declared fields, and never null: an absent field keeps the server's default.
        const body: Record<string, unknown> = {};
        if (part.text) body.status = part.text;
        if (mediaIds.length) body.media_ids = mediaIds;
        if (input.contentWarning) {
          body.spoiler_text = input.contentWarning;
          body.sensitive = true;
        }
        if (input.visibility) body.visibility = input.visibility;
        if (input.language) body.language = languageCode(input.language);
        if (index === 0 && input.poll) {
          body.poll = { options: input.poll.options, expires_in: input.poll.expiresInSeconds, multiple: input.poll.multiple };
        }
        if (previous) body.in_reply_to_id = previous.remoteId;
        else if (index === 0 && input.replyTo) body.in_reply_to_id = input.replyTo.remoteId ?? (await resolveStatus(input.replyTo.uri, accessToken, input.signal));
        if (index === 0 && input.quote) body.quoted_status_id = input.quote.remoteId ?? (await resolveStatus(input.quote.uri, accessToken, input.signal));

        const { body: status } = await http.request({
          method: 'POST',
          path: '/api/v1/statuses',
          accessToken,
          json: body,
          headers: { 'idempotency-key': key },
          timeoutMs,
          signal: input.signal,
        });
        const id = (status as { id?: unknown } | null)?.id;
        if (typeof id !== 'string' && typeof id !== 'number') {
          throw new PublishError({ kind: 'http', message: `${new URL(instanceUrl).host} accepted the post but did not return its id.` });
        }
        const { url, uri } = status as { url?: unknown; uri?: unknown };
        const remote: RemotePart = { remoteId: String(id), url: typeof url === 'string' ? url : typeof uri === 'string' ? uri : null };
        input.onPartSent(index, remote);
        results.push(remote);
        previous = remote;
      }
      return results;
    },

    async delete(remoteId: string): Promise<void> {
      const { accessToken } = await requireSecrets();
      try {
        await http.request({ method: 'DELETE', path: `/api/v1/statuses/${encodeURIComponent(remoteId)}`, accessToken, timeoutMs });
      } catch (error) {
        // Already gone: deleting is done.
        if (error instanceof PublishError && error.failure.status === 404) return;
        throw error;
      }
    },

    async health(): Promise<AccountHealth> {
      const secrets = await loadSecrets();
      if (!secrets) return 'reconnect_needed';
      try {
        await checkToken(instanceUrl, secrets.accessToken, { timeoutMs });
        return 'ok';
      } catch (error) {
        if (error instanceof PublishError && error.reconnectNeeded) {
          unauthorized();
          return 'reconnect_needed';
        }
        throw error;
      }
    },

    async revoke(): Promise<void> {
      const secrets = await loadSecrets();
      // Without the app's credentials the server cannot be asked; the token is forgotten locally anyway.
      if (!secrets?.clientId || !secrets.clientSecret) return;
      await revokeToken(instanceUrl, { clientId: secrets.clientId, clientSecret: secrets.clientSecret, token: secrets.accessToken, timeoutMs });
    },
  };
}
