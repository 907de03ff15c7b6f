import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT_CONTENT, type DraftContent } from '../../src/shared/publishing';
import { BLUESKY_LIMITS, countText, MASTODON_DEFAULT_LIMITS } from '../../src/shared/text';
import {
  adaptTarget,
  addMedia,
  addVariantPart,
  isAdapted,
  mainPostContent,
  mediaOf,
  mergeVariantPart,
  moveMedia,
  pruneTargets,
  removeMedia,
  setAlt,
  setVariantPart,
  setVariantThread,
  targetIds,
  targetPostContent,
  toggleTarget,
  unadaptTarget,
} from '../../src/renderer/model/content';
import {
  addThreadPart,
  enterThreadMode,
  joinThreadParts,
  leaveThreadMode,
  mergeThreadPart,
  renumber,
  resplitThread,
  setThreadPart,
  stripThreadNumbering,
} from '../../src/renderer/model/threadParts';
import { isBlankDraft, snapshotOf } from '../../src/renderer/model/draftSnapshot';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const M1 = '00000000-0000-4000-8000-000000000001';
const M2 = '00000000-0000-4000-8000-000000000002';

const withTargets = (...ids: string[]): DraftContent => ids.reduce((c, id) => toggleTarget(c, id), EMPTY_DRAFT_CONTENT);

describe('targets', () => {
  it('toggle on and off, in the order chosen', () => {
    const two = withTargets(A, B);
    expect(targetIds(two)).toEqual([A, B]);
    expect(targetIds(toggleTarget(two, A))).toEqual([B]);
    expect(EMPTY_DRAFT_CONTENT.targets).toEqual([]); // never mutated
  });

  it('take their adapted version with them when removed', () => {
    const adapted = adaptTarget(withTargets(A), 'Bonjour', A);
    expect(isAdapted(adapted, A)).toBe(true);
    const again = toggleTarget(toggleTarget(adapted, A), A);
    expect(isAdapted(again, A)).toBe(false);
  });

  it('drop accounts that no longer exist, and keep the object when nothing changes', () => {
    const two = withTargets(A, B);
    expect(targetIds(pruneTargets(two, [B]))).toEqual([B]);
    expect(pruneTargets(two, [A, B])).toBe(two);
  });
});

describe('adapted versions', () => {
  it('start as a copy of the main version and then live apart', () => {
    let content = addMedia(withTargets(A, B), null, M1);
    content = setAlt(content, null, M1, 'Le port au coucher du soleil');
    content = { ...content, contentWarning: 'CW', language: 'fr' };
    content = adaptTarget(content, 'Texte commun', A);
    const variant = targetPostContent(content, 'Texte commun', A);
    expect(variant.parts).toEqual([{ text: 'Texte commun', media: [{ mediaId: M1, alt: 'Le port au coucher du soleil' }] }]);
    expect(variant.contentWarning).toBe('CW');
    expect(variant.language).toBe('fr');

    content = setVariantPart(content, A, 0, 'Version courte pour A');
    content = setAlt(content, A, M1, 'Alt pour A');
    expect(targetPostContent(content, 'Texte commun modifié', A).parts[0]).toEqual({ text: 'Version courte pour A', media: [{ mediaId: M1, alt: 'Alt pour A' }] });
    // B follows the main text and the main alt text.
    expect(targetPostContent(content, 'Texte commun modifié', B).parts[0]).toEqual({
      text: 'Texte commun modifié',
      media: [{ mediaId: M1, alt: 'Le port au coucher du soleil' }],
    });
  });

  it('leave the content warning out for a network without them', () => {
    const content = adaptTarget({ ...withTargets(A), contentWarning: 'CW' }, 't', A, { contentWarning: false });
    expect(targetPostContent(content, 't', A).contentWarning).toBeNull();
  });

  it('go back to the main version', () => {
    const content = unadaptTarget(setVariantPart(adaptTarget(withTargets(A), 'x', A), A, 0, 'y'), A);
    expect(isAdapted(content, A)).toBe(false);
    expect(targetPostContent(content, 'x', A).parts[0]?.text).toBe('x');
  });

  it('can be cut into a thread for their own network and joined back, keeping their images on the first post', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Phrase numéro ${i + 1} du fil.`).join(' ');
    let content = adaptTarget(addMedia(withTargets(A), null, M1), long, A);
    content = setVariantThread(content, A, true, BLUESKY_LIMITS);
    const parts = targetPostContent(content, long, A).parts;
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(countText(part.text, BLUESKY_LIMITS).over).toBe(false);
    expect(parts[0]!.media).toHaveLength(1);
    expect(parts.slice(1).every((p) => p.media.length === 0)).toBe(true);

    content = addVariantPart(content, A, 0);
    expect(targetPostContent(content, long, A).parts[1]!.text).toBe(`2/${parts.length + 1}`);
    content = mergeVariantPart(content, A, 1);
    expect(targetPostContent(content, long, A).parts).toHaveLength(parts.length);

    content = setVariantThread(content, A, false, BLUESKY_LIMITS);
    const single = targetPostContent(content, long, A).parts;
    expect(single).toHaveLength(1);
    expect(single[0]!.text).toContain('Phrase numéro 40 du fil.');
    expect(single[0]!.media).toHaveLength(1);
  });
});

describe('images', () => {
  it('are added once, described, moved and removed per version', () => {
    let content = addMedia(addMedia(withTargets(A), null, M1), null, M2);
    expect(addMedia(content, null, M1)).toBe(content);
    content = moveMedia(content, null, M2, -1);
    expect(mediaOf(content, null).map((m) => m.mediaId)).toEqual([M2, M1]);
    content = adaptTarget(content, 't', A);
    content = removeMedia(content, A, M2);
    expect(mediaOf(content, A).map((m) => m.mediaId)).toEqual([M1]);
    expect(mediaOf(content, null).map((m) => m.mediaId)).toEqual([M2, M1]);
    // A scope that is not adapted edits the main version.
    content = setAlt(content, B, M2, 'desc');
    expect(mediaOf(content, null)[0]!.alt).toBe('desc');
  });

  it('stop at ten (the contract maximum)', () => {
    let content = EMPTY_DRAFT_CONTENT;
    for (let i = 0; i < 12; i++) content = addMedia(content, null, `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
    expect(content.media).toHaveLength(10);
  });
});

describe('thread mode', () => {
  const long = Array.from({ length: 30 }, (_, i) => `Phrase ${i + 1} : le festival commence à 18 h sur le port.`).join(' ');

  it('cuts for the strictest limit, numbered, and the main version publishes the parts', () => {
    const content = enterThreadMode(EMPTY_DRAFT_CONTENT, long, BLUESKY_LIMITS);
    const parts = content.threadParts!;
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => {
      expect(p.endsWith(` ${i + 1}/${parts.length}`)).toBe(true);
      expect(countText(p, BLUESKY_LIMITS).over).toBe(false);
    });
    expect(mainPostContent(content, long).parts.map((p) => p.text)).toEqual(parts);
  });

  it('keeps a short text whole, and an empty one as one empty part', () => {
    expect(enterThreadMode(EMPTY_DRAFT_CONTENT, 'Court', BLUESKY_LIMITS).threadParts).toEqual(['Court']);
    expect(enterThreadMode(EMPTY_DRAFT_CONTENT, '', BLUESKY_LIMITS).threadParts).toEqual(['']);
  });

  it('edits, adds and merges parts, renumbering them', () => {
    let content: DraftContent = { ...EMPTY_DRAFT_CONTENT, threadParts: ['Un 1/2', 'Deux 2/2'] };
    content = setThreadPart(content, 1, 'Deux bis 2/2');
    content = addThreadPart(content, 0);
    expect(content.threadParts).toEqual(['Un 1/3', '2/3', 'Deux bis 3/3']);
    content = mergeThreadPart(content, 1);
    expect(content.threadParts).toEqual(['Un 1/2', 'Deux bis 2/2']);
    content = mergeThreadPart(content, 1);
    expect(content.threadParts).toEqual(['Un\n\nDeux bis']);
    expect(mergeThreadPart(content, 0)).toEqual(content);
  });

  it('gives the whole text back when it is turned off', () => {
    const content = enterThreadMode(EMPTY_DRAFT_CONTENT, long, BLUESKY_LIMITS);
    const { content: off, text } = leaveThreadMode(content);
    expect(off.threadParts).toBeNull();
    expect(text.replace(/\s+/g, ' ')).toBe(long);
  });

  it('cuts again for another limit', () => {
    const bluesky = enterThreadMode(EMPTY_DRAFT_CONTENT, long, BLUESKY_LIMITS);
    const roomy = resplitThread(bluesky, { ...MASTODON_DEFAULT_LIMITS, maxCharacters: 1000 });
    expect(roomy.threadParts!.length).toBeLessThan(bluesky.threadParts!.length);
    for (const part of roomy.threadParts!) expect(countText(part, { ...MASTODON_DEFAULT_LIMITS, maxCharacters: 1000 }).over).toBe(false);
  });

  it('numbering helpers', () => {
    expect(stripThreadNumbering(['Texte 1/2', 'Suite 2/2'])).toEqual(['Texte', 'Suite']);
    expect(stripThreadNumbering(['Texte 1/3', '2/3', 'Fin 3/3'])).toEqual(['Texte', '', 'Fin']);
    expect(stripThreadNumbering(['Rendez-vous du 12/2024'])).toEqual(['Rendez-vous du 12/2024']);
    expect(stripThreadNumbering(['Un 1/2', 'Au 12/2024 2/2'])).toEqual(['Un', 'Au 12/2024']);
    expect(stripThreadNumbering(['Sans numéro', 'non plus'])).toEqual(['Sans numéro', 'non plus']);
    expect(renumber(['a 1/2', 'b 2/2', 'c'])).toEqual(['a 1/3', 'b 2/3', 'c 3/3']);
    expect(renumber(['seul 1/2'])).toEqual(['seul']);
    expect(joinThreadParts(['a 1/3', '  ', 'b 3/3'])).toBe('a\n\nb');
  });
});

describe('what the composer saves', () => {
  it('sends the content only once it is known', () => {
    expect(JSON.parse(snapshotOf('t', null))).toEqual({ text: 't' });
    expect(JSON.parse(snapshotOf('t', EMPTY_DRAFT_CONTENT))).toEqual({ text: 't', content: EMPTY_DRAFT_CONTENT });
  });

  it('calls a draft blank only when there is no text and no image anywhere', () => {
    expect(isBlankDraft('  ', withTargets(A))).toBe(true);
    expect(isBlankDraft('', addMedia(EMPTY_DRAFT_CONTENT, null, M1))).toBe(false);
    expect(isBlankDraft('', { ...EMPTY_DRAFT_CONTENT, threadParts: ['', 'x'] })).toBe(false);
    expect(isBlankDraft('', setVariantPart(adaptTarget(withTargets(A), '', A), A, 0, 'à A'))).toBe(false);
  });
});
