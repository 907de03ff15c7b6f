/** What goes out for each target, and why a target cannot go: shared by the composer and the core. */
import type { Capabilities, DraftContent, DraftTarget, PostContent } from './publishing';
import { countText } from './text/count';

const NETWORK_NAME = { bluesky: 'Bluesky', mastodon: 'Mastodon' } as const;

/** The content a target publishes: its own variant when adapted, else the main text and content. */
export function contentForTarget(text: string, content: DraftContent, target: DraftTarget): PostContent {
  if (target.variant) return target.variant;
  const parts = content.threadParts && content.threadParts.length > 0 ? content.threadParts : [text];
  return {
    // Images go with the first post of a thread.
    parts: parts.map((partText, index) => ({ text: partText, media: index === 0 ? content.media : [] })),
    contentWarning: content.contentWarning,
    language: content.language,
    visibility: content.visibility,
    poll: content.poll,
  };
}

/** Every reason this content cannot go to a network with these capabilities (empty: it can go). */
export function targetProblems(post: PostContent, capabilities: Capabilities, options: { requireAltText: boolean }): string[] {
  const network = NETWORK_NAME[capabilities.network];
  const reasons: string[] = [];
  if (post.parts.length > 1 && !capabilities.threads) reasons.push(`${network}: threads are not supported`);
  post.parts.forEach((part, index) => {
    const where = post.parts.length > 1 ? ` (post ${index + 1}/${post.parts.length})` : '';
    if (part.text.trim() === '' && part.media.length === 0 && !(index === 0 && post.poll)) reasons.push(`${network}${where}: the post is empty`);
    const count = countText(part.text, capabilities.text);
    if (count.over && count.reason) reasons.push(`${count.reason}${where}`);
    if (part.media.length > capabilities.media.maxCount) {
      reasons.push(`${network}${where}: ${part.media.length}/${capabilities.media.maxCount} images`);
    }
    for (const media of part.media) {
      if (media.alt.length > capabilities.media.maxAltTextLength) {
        reasons.push(`${network}${where}: alt text ${media.alt.length}/${capabilities.media.maxAltTextLength} characters`);
      }
      if (options.requireAltText && media.alt.trim() === '') reasons.push(`${network}${where}: an image has no alt text`);
    }
  });
  if (post.poll) {
    if (!capabilities.poll) reasons.push(`${network}: polls are not supported`);
    else if (post.poll.options.length > capabilities.poll.maxOptions) {
      reasons.push(`${network}: ${post.poll.options.length}/${capabilities.poll.maxOptions} poll options`);
    }
    if (post.parts[0]?.media.length) reasons.push(`${network}: a post cannot have both a poll and images`);
  }
  if (post.contentWarning && !capabilities.contentWarning) reasons.push(`${network}: content warnings are not supported`);
  if (post.visibility && !capabilities.visibilities.includes(post.visibility)) reasons.push(`${network}: visibility "${post.visibility}" is not available`);
  return reasons;
}

/** Images without a description: a warning in the composer, a block when the workspace requires alt text. */
export function missingAltText(post: PostContent): number {
  return post.parts.reduce((n, part) => n + part.media.filter((m) => m.alt.trim() === '').length, 0);
}
