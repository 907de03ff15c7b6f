/**
 * The job runner the scheduler calls: publishes one due target through its account's connector,
 * recording every part as soon as it is out, and answers with a typed Outcome. It refuses what
 * must not go: an account no longer among the post's targets is cancelled, content a rule blocks
 * is held with its problems, never sent to fail on the network.
 */
import type { Account } from '../../../shared/domain';
import { contentForTarget } from '../../../shared/rules';
import type { MissedPolicy } from '../../../shared/schedule/missed';
import { PublishError, type Connector, type PostContext, type MediaFile } from '../connectors/types';
import type { Logger } from '../log';
import type { PostTargetRepository } from '../repositories/post-targets';
import type { Job, Outcome } from '../scheduler/ports';
import type { MissedReport } from '../scheduler/scheduler';
import { problemsFor, readContent, type PlanDeps } from './plan';

export interface RunnerDeps extends PlanDeps {
  targets: PostTargetRepository;
  log: Logger;
  markReconnect: (account: Pick<Account, 'id' | 'workspaceId'>) => void;
  emitMissed: (payload: { workspaceId: string; published: string[]; awaitingDecision: string[]; skipped: string[] }) => void;
  changed: (workspaceId: string) => void;
  /** Approval (calendar/approval-gate.ts): a post that must wait is held, never sent. */
  gate?: { mustWait(draftId: string): boolean };
  /** The board's cache: what a reply or a quote refers to, for this account (streams/post-context.ts). */
  postContext?: (itemId: string, accountId: string) => PostContext | null;
}

export class JobRunner {
  constructor(private readonly d: RunnerDeps) {}

  async publish(job: Job, signal: AbortSignal): Promise<Outcome> {
    const row = this.d.targets.get(job.id);
    const draft = row ? this.d.drafts.get(row.draft_id) : null;
    if (!row || !draft || draft.deleted) return { kind: 'cancelled', why: 'post_deleted' };
    const account = this.d.accounts.get(row.account_id);
    if (!account || account.removed) return { kind: 'cancelled', why: 'account_removed' };
    const content = readContent(this.d.drafts.publishing(row.draft_id)?.content ?? null);
    // Only the post's own targets go, each with its own version: never the main text in place of an adaptation.
    const target = content.targets.find((t) => t.accountId === account.id);
    if (!target) return { kind: 'cancelled', why: 'not_a_target' };
    if (account.health === 'reconnect_needed') return { kind: 'held', hold: { reason: 'reconnect_needed' } };
    if (this.d.gate?.mustWait(row.draft_id)) return { kind: 'held', hold: { reason: 'awaiting_approval' } };
    const post = contentForTarget(draft.text, content, target);
    const check = problemsFor(this.d, account, post, this.d.workspaceSettings.get(draft.workspaceId).requireAltText);
    if (check.blocked) return { kind: 'held', hold: { reason: 'invalid', problems: check.problems } };

    let connector: Connector;
    try {
      connector = this.d.connectors.forAccount(account, () => this.d.markReconnect(account));
    } catch (error) {
      this.d.log.error(`no connector for ${account.network}`, error);
      return { kind: 'held', hold: { reason: 'reconnect_needed' } };
    }
    const partKeys = this.d.targets.ensurePartKeys(row, post.parts.length, (n) => this.d.connectors.partKeys(account.network, n));
    try {
      const parts = await connector.publish({
        parts: post.parts.map((part) => ({ text: part.text, media: part.media.map((ref) => this.mediaFile(ref.mediaId, ref.alt)) })),
        contentWarning: post.contentWarning,
        language: post.language,
        visibility: post.visibility,
        poll: post.poll,
        partKeys,
        replyTo: content.replyTo ? (this.d.postContext?.(content.replyTo.itemId, account.id) ?? null) : null,
        quote: content.quote ? (this.d.postContext?.(content.quote.itemId, account.id) ?? null) : null,
        alreadySent: this.d.targets.sentParts(row),
        onPartSent: (index, remote) => this.d.targets.recordPartSent(row.id, index, remote),
        signal,
      });
      const first = parts[0]!;
      return { kind: 'sent', remote: { remoteId: first.remoteId, url: first.url } };
    } catch (error) {
      if (error instanceof PublishError) {
        if (error.reconnectNeeded) {
          this.d.markReconnect(account);
          return { kind: 'held', hold: { reason: 'reconnect_needed' }, failure: error.failure };
        }
        // No network at all: the post waits for the connection, it does not use up its attempts.
        if (error.failure.offline) return { kind: 'held', hold: { reason: 'offline' }, failure: error.failure };
        return { kind: 'failed', failure: error.failure };
      }
      throw error;
    }
  }

  /** Checked just before (problemsFor): a file removed meanwhile is the only way here. */
  private mediaFile(mediaId: string, alt: string): MediaFile {
    const media = this.d.media.get(mediaId);
    if (!media) throw new Error('An image of this post is missing from the data folder.');
    // The workspace's "keep photo metadata" setting; off: the copy sent drops EXIF and GPS.
    const keepMetadata = this.d.workspaceSettings.get(media.workspaceId).keepPhotoMetadata;
    return { path: media.path, mime: media.mime, alt, width: media.width, height: media.height, keepMetadata };
  }

  missedPolicyFor(job: Job): MissedPolicy {
    const row = this.d.targets.get(job.id);
    const draft = row ? this.d.drafts.get(row.draft_id) : null;
    return draft ? this.d.workspaceSettings.get(draft.workspaceId).missedPolicy : 'ask';
  }

  reportMissed(report: MissedReport): void {
    const byWorkspace = new Map<string, { published: string[]; awaitingDecision: string[]; skipped: string[] }>();
    const add = (jobs: Job[], key: 'published' | 'awaitingDecision' | 'skipped') => {
      for (const job of jobs) {
        const row = this.d.targets.get(job.id);
        const draft = row ? this.d.drafts.get(row.draft_id) : null;
        if (!draft) continue;
        const entry = byWorkspace.get(draft.workspaceId) ?? { published: [], awaitingDecision: [], skipped: [] };
        entry[key].push(job.id);
        byWorkspace.set(draft.workspaceId, entry);
      }
    };
    add(report.published, 'published');
    add(report.asked, 'awaitingDecision');
    add(report.skipped, 'skipped');
    for (const [workspaceId, entry] of byWorkspace) {
      this.d.emitMissed({ workspaceId, ...entry });
      this.d.changed(workspaceId);
    }
  }
}
