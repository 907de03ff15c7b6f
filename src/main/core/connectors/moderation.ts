/**
 * The moderating half of the connector contract: what the inbox and the board ask a network to
 * do about an item or its author. Each network implements it in its own folder
 * (bluesky/moderate.ts, mastodon/moderate.ts); an action it cannot do throws
 * ReadError('unsupported'), a refusal ReadError('refused') with the server's words.
 */
import type { ModerationAction, ReportDetails, ServerRule } from '../../../shared/inbox/moderation';
import type { ReadContext } from './reader';

export interface ModerationTarget {
  /** The item acted on (the reply to hide, the quote to detach, the post reported). */
  uri: string;
  cid: string | null;
  /** Its id on the acting account's server (Mastodon status id), when known. */
  remoteId: string | null;
  /** The item's author (Bluesky DID, Mastodon account URI). */
  authorRemoteId: string;
  /** Bluesky: the root of the item's thread (hide_reply), and the post it quotes (detach_quote). */
  rootUri: string | null;
  quotedUri: string | null;
}

export interface Moderator {
  moderate(action: ModerationAction, target: ModerationTarget, report: ReportDetails | null, ctx?: ReadContext): Promise<void>;
  /** The server's rules a report can name (none where the network has no such list). */
  rules?(): Promise<ServerRule[]>;
}

/** The account may not do this here (hide a reply under someone else's thread): nothing was sent. */
export class ModerationNotAllowed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModerationNotAllowed';
  }
}
