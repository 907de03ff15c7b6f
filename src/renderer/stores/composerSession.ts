/**
 * The composer's state (one composing session: its draft, text, content, save and checks) and
 * what the store offers, apart from how the store does it (composer.ts) and how it saves
 * (composerSaving.ts).
 */
import type { BoardItem } from '../../shared/board/schemas';
import type { Draft } from '../../shared/domain';
import { EMPTY_DRAFT_CONTENT, type DraftContent, type PostView, type TargetProblem } from '../../shared/publishing';
import type { ClientError } from '../client';
import type { AutosaveState } from '../model/autosave';
import { createDraftBackup } from '../model/draftBackup';

const sessionStore = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** Unacknowledged text, kept in sessionStorage until the core has it. */
export const draftBackup = createDraftBackup(sessionStore());

/**
 * loading: draft.content has not answered yet; error: it failed (the text can still be written
 * and saved, the targets cannot be changed until it is read); ready: content can be edited.
 */
export type ContentStatus = 'ready' | 'loading' | 'error';

/** The post a reply or quote is about, shown above the composer's text. */
export type ComposerContext = { mode: 'reply' | 'quote'; item: BoardItem };

export interface ComposerStore {
  open: boolean;
  /** Null until the first character is typed: only then does the draft exist. */
  draftId: string | null;
  workspaceId: string | null;
  text: string;
  /** Targets, adapted versions, images, thread parts… saved with the text. */
  content: DraftContent;
  contentStatus: ContentStatus;
  contentError: ClientError | null;
  /** The draft's post once it was scheduled or sent (draft.content); null for a plain draft. */
  post: PostView | null;
  /** The tab shown: the main version (null) or an adapted target's (its account id). */
  scope: string | null;
  /** The core's reasons (post.validate) for what was last saved; null while edits are unsaved. */
  problems: TargetProblem[] | null;
  /** The draft was created in this session (an emptied one is removed on close). */
  createdHere: boolean;
  save: AutosaveState;
  /** Bumped when the text area should take the focus. */
  focusRequest: number;
  /** A reply or quote started from a board card: the post shown above the text. */
  context: ComposerContext | null;
  /** A new post; in a workspace with a single account, that account is its target from the start. */
  openNew(workspaceId: string): Promise<boolean>;
  /** A reply or quote from the board, as that account (chosen as the only target). */
  openReply(workspaceId: string, accountId: string, mode: 'reply' | 'quote', item: BoardItem): Promise<boolean>;
  /**
   * `post`: the draft is a planned post (opened from its card); it then never shows in the Drafts column.
   * `context`: the post it answers or quotes, shown above the text (a reply taken back by its undo).
   */
  openDraft(draft: Draft, post?: PostView | null, context?: ComposerContext | null): Promise<boolean>;
  setText(text: string): void;
  /** Changes the content (and the main text with it, for thread mode); saved like the text. */
  edit(change: (state: { text: string; content: DraftContent }) => { text?: string; content: DraftContent }): void;
  setScope(scope: string | null): void;
  reloadContent(): Promise<void>;
  setPost(post: PostView | null): void;
  flush(): Promise<boolean>;
  retry(): Promise<boolean>;
  /** Saves what is left, then closes; stays open (error shown) if the save fails. */
  close(restoreFocus?: boolean): Promise<boolean>;
  /** The open draft is being deleted: save what is left and close without more saves. */
  detach(draftId: string): Promise<boolean>;
}

export const idleSave: AutosaveState = { status: 'idle', error: null };

export type Session = Pick<
  ComposerStore,
  'open' | 'draftId' | 'workspaceId' | 'text' | 'content' | 'contentStatus' | 'contentError' | 'post' | 'scope' | 'problems' | 'createdHere' | 'save' | 'context'
>;

/** The state of one composing session; closed by default, opened with what differs. */
export const session = (changes: Partial<Session> = {}): Session => ({
  open: false,
  draftId: null,
  workspaceId: null,
  text: '',
  content: EMPTY_DRAFT_CONTENT,
  contentStatus: 'ready',
  contentError: null,
  post: null,
  scope: null,
  problems: null,
  createdHere: false,
  save: idleSave,
  context: null,
  ...changes,
});
