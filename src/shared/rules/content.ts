/** What a target publishes: defined once for the composer, the core and the publishing job. */
import type { DraftContent, DraftTarget, PostContent } from '../publishing';

/** The main text as posts: the thread's parts when thread mode is on, else the text alone. */
export function mainTexts(content: DraftContent, text: string): string[] {
  return content.threadParts && content.threadParts.length > 0 ? content.threadParts : [text];
}

/** The main version as a PostContent (images go with the first post of a thread). */
export function mainPostContent(content: DraftContent, text: string): PostContent {
  return {
    parts: mainTexts(content, text).map((partText, i) => ({ text: partText, media: i === 0 ? content.media.map((m) => ({ ...m })) : [] })),
    contentWarning: content.contentWarning,
    language: content.language,
    visibility: content.visibility,
    poll: content.poll,
  };
}

/** The content a target publishes: its own version when adapted, else the main one. */
export function contentForTarget(text: string, content: DraftContent, target: Pick<DraftTarget, 'variant'>): PostContent {
  return target.variant ?? mainPostContent(content, text);
}
