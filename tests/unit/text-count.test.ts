/**
 * Counting as each network's server counts.
 * Bluesky: lexicon app.bsky.feed.post, text maxGraphemes 300 and maxLength 3000 (UTF-8 bytes), text as written.
 * Mastodon: app/validators/status_length_validator.rb, graphemes after every URL -> 23 x's and every
 * "@user@domain" -> "@user".
 */
import { describe, expect, it } from 'vitest';
import {
  BLUESKY_LIMITS,
  MASTODON_DEFAULT_LIMITS,
  TextLimitsSchema,
  countText,
  findMentions,
  findUrls,
  graphemeCount,
  mastodonCountableText,
  mastodonLimitsFromInstance,
  splitGraphemes,
  utf8ByteLength,
} from '../../src/shared/text';

const FAMILY = '👩‍👩‍👧‍👦'; // woman ZWJ woman ZWJ girl ZWJ boy: 4 emoji (4 bytes each) + 3 ZWJ (3 bytes each)
const FLAG_FR = '🇫🇷'; // two regional indicators, 4 bytes each
const THUMB_MEDIUM = '👍🏽'; // thumbs up + skin tone modifier, 4 + 4 bytes
const RAINBOW_FLAG = '🏳️‍🌈'; // white flag (4) + VS16 (3) + ZWJ (3) + rainbow (4)
const TECHNOLOGIST = '🧑🏽‍💻'; // person (4) + skin tone (4) + ZWJ (3) + laptop (4)
const E_COMBINING = 'e\u0301'; // e + combining acute accent: 1 + 2 bytes
const E_PRECOMPOSED = '\u00e9'; // é: 2 bytes
const HANGUL_JAMO = '\u1100\u1161\u11a8'; // 각 written as three conjoining jamo, 3 bytes each
const CJK = '日本語のテキスト'; // 8 characters, 3 bytes each

describe('graphemes and bytes', () => {
  it.each([
    ['family ZWJ sequence', FAMILY, 1, 25],
    ['flag', FLAG_FR, 1, 8],
    ['skin tone', THUMB_MEDIUM, 1, 8],
    ['rainbow flag (VS16 + ZWJ)', RAINBOW_FLAG, 1, 14],
    ['ZWJ with skin tone', TECHNOLOGIST, 1, 15],
    ['combining accent', E_COMBINING, 1, 3],
    ['precomposed accent', E_PRECOMPOSED, 1, 2],
    ['Hangul conjoining jamo', HANGUL_JAMO, 1, 9],
    ['CJK', CJK, 8, 24],
    ['CRLF is one grapheme', 'a\r\nb', 3, 4],
    ['ASCII', 'Bonjour !', 9, 9],
  ])('%s', (_name, text, graphemes, bytes) => {
    expect(graphemeCount(text)).toBe(graphemes);
    expect(utf8ByteLength(text)).toBe(bytes);
    expect(splitGraphemes(text).join('')).toBe(text);
    expect(splitGraphemes(text)).toHaveLength(graphemes);
  });
});

describe('countText on hard text', () => {
  // "Café " 5 + family 1 + " " 1 + flag 1 + " " 1 + thumb 1 + " " 1 + "e\u0301t\u00e9" 3 + " " 1 + CJK 8 = 23 graphemes.
  // Bytes: "Caf" 3 + é 2 + " " 1 + 25 + 1 + 8 + 1 + 8 + 1 + (3 + 1 + 2) + 1 + 24 = 81.
  const mixed = `Café ${FAMILY} ${FLAG_FR} ${THUMB_MEDIUM} ${E_COMBINING}t${E_PRECOMPOSED} ${CJK}`;

  it('Bluesky counts graphemes and UTF-8 bytes of the text as written', () => {
    expect(countText(mixed, BLUESKY_LIMITS)).toEqual({ used: 23, max: 300, bytes: 81, maxBytes: 3000, over: false, nearLimit: false, reason: null });
  });

  it('Mastodon counts graphemes too (each_grapheme_cluster), with no byte limit', () => {
    expect(countText(mixed, MASTODON_DEFAULT_LIMITS)).toEqual({ used: 23, max: 500, over: false, nearLimit: false, reason: null });
  });

  it('a ZWJ family counts 1 on both networks, not 7 code points or 11 UTF-16 units', () => {
    expect(countText(FAMILY, BLUESKY_LIMITS).used).toBe(1);
    expect(countText(FAMILY, MASTODON_DEFAULT_LIMITS).used).toBe(1);
  });
});

describe('Bluesky limits: 300 graphemes, 3000 bytes', () => {
  it('300 graphemes is at the limit, 299 below, 301 over', () => {
    expect(countText('a'.repeat(300), BLUESKY_LIMITS)).toMatchObject({ used: 300, over: false, nearLimit: true, reason: null });
    expect(countText('a'.repeat(299), BLUESKY_LIMITS)).toMatchObject({ used: 299, over: false, reason: null });
    expect(countText('a'.repeat(301), BLUESKY_LIMITS)).toMatchObject({ used: 301, over: true, reason: 'Bluesky: 301/300 characters' });
  });

  it('emoji count one each: 300 skin-tone thumbs are 300 graphemes and 2400 bytes, which fits', () => {
    expect(countText(THUMB_MEDIUM.repeat(300), BLUESKY_LIMITS)).toMatchObject({ used: 300, bytes: 2400, over: false });
    expect(countText(THUMB_MEDIUM.repeat(301), BLUESKY_LIMITS)).toMatchObject({ used: 301, over: true, reason: 'Bluesky: 301/300 characters' });
  });

  it('the byte limit: 120 families are 3000 bytes (fits), 2999 fits, 3001 is over with only 121 graphemes', () => {
    expect(countText(FAMILY.repeat(120), BLUESKY_LIMITS)).toMatchObject({ used: 120, bytes: 3000, over: false, nearLimit: true, reason: null });
    // 119 × 25 + 24 = 2999 bytes, 143 graphemes
    expect(countText(FAMILY.repeat(119) + 'a'.repeat(24), BLUESKY_LIMITS)).toMatchObject({ used: 143, bytes: 2999, over: false });
    // 120 × 25 + 1 = 3001 bytes
    expect(countText(FAMILY.repeat(120) + 'a', BLUESKY_LIMITS)).toMatchObject({ used: 121, bytes: 3001, over: true, reason: 'Bluesky: 3001/3000 bytes' });
  });

  it('both limits over: the reason says both', () => {
    // 301 families: 301 graphemes, 301 × 25 = 7525 bytes
    expect(countText(FAMILY.repeat(301), BLUESKY_LIMITS).reason).toBe('Bluesky: 301/300 characters, 7525/3000 bytes');
  });

  it('near the limit from 90%: 270 graphemes or 2700 bytes', () => {
    expect(countText('a'.repeat(270), BLUESKY_LIMITS).nearLimit).toBe(true);
    expect(countText('a'.repeat(269), BLUESKY_LIMITS).nearLimit).toBe(false);
    // 108 families: 108 graphemes but 2700 bytes
    expect(countText(FAMILY.repeat(108), BLUESKY_LIMITS)).toMatchObject({ used: 108, bytes: 2700, nearLimit: true, over: false });
  });

  it('URLs count in full: the record holds the text as written', () => {
    const url = 'https://exemple.fr/un/tres/long/chemin?avec=des&parametres=1#et-un-fragment';
    expect(url).toHaveLength(75);
    expect(countText(`Lire ${url}`, BLUESKY_LIMITS).used).toBe(5 + 75);
    // 224 + 1 + 75 = 300: at the limit; one more character is over
    expect(countText(`${'a'.repeat(224)} ${url}`, BLUESKY_LIMITS)).toMatchObject({ used: 300, over: false });
    expect(countText(`${'a'.repeat(225)} ${url}`, BLUESKY_LIMITS)).toMatchObject({ used: 301, over: true });
  });

  it('mentions count in full', () => {
    expect(countText('@alice.bsky.social @bob@mastodon.social', BLUESKY_LIMITS).used).toBe(39);
  });
});

describe('Mastodon: 500 by default, every URL 23, remote mentions as @user', () => {
  const url = 'https://exemple.fr/un/tres/long/chemin?avec=des&parametres=1#et-un-fragment';

  it('500 is at the limit, 499 below, 501 over', () => {
    expect(countText('a'.repeat(500), MASTODON_DEFAULT_LIMITS)).toMatchObject({ used: 500, over: false, nearLimit: true, reason: null });
    expect(countText('a'.repeat(499), MASTODON_DEFAULT_LIMITS)).toMatchObject({ used: 499, over: false });
    expect(countText('a'.repeat(501), MASTODON_DEFAULT_LIMITS)).toMatchObject({ used: 501, over: true, reason: 'Mastodon: 501/500 characters' });
  });

  it('near the limit from 450', () => {
    expect(countText('a'.repeat(450), MASTODON_DEFAULT_LIMITS).nearLimit).toBe(true);
    expect(countText('a'.repeat(449), MASTODON_DEFAULT_LIMITS).nearLimit).toBe(false);
  });

  it('a URL with path, query and fragment counts 23 whatever its length', () => {
    expect(countText(url, MASTODON_DEFAULT_LIMITS).used).toBe(23);
    // 476 + 1 + 23 = 500 although the text is 552 characters long (the URL is 75)
    const atLimit = `${'a'.repeat(476)} ${url}`;
    expect(atLimit).toHaveLength(552);
    expect(countText(atLimit, MASTODON_DEFAULT_LIMITS)).toMatchObject({ used: 500, over: false });
    expect(countText(`${'a'.repeat(475)} ${url}`, MASTODON_DEFAULT_LIMITS)).toMatchObject({ used: 499, over: false });
    expect(countText(`${'a'.repeat(477)} ${url}`, MASTODON_DEFAULT_LIMITS)).toMatchObject({ used: 501, over: true, reason: 'Mastodon: 501/500 characters' });
  });

  it('a short URL counts 23 too', () => {
    // "http://a.fr" is 11 characters; Mastodon reserves 23 for it
    expect(countText('http://a.fr', MASTODON_DEFAULT_LIMITS).used).toBe(23);
  });

  it('the sentence keeps its final punctuation and parentheses outside the URL', () => {
    // "Voir " 5 + URL 23 + "." 1
    expect(countText('Voir https://exemple.fr/page.', MASTODON_DEFAULT_LIMITS).used).toBe(29);
    // "(" 1 + URL with balanced parentheses 23 + ")" 1
    expect(countText('(https://fr.wikipedia.org/wiki/Paris_(France))', MASTODON_DEFAULT_LIMITS).used).toBe(25);
  });

  it('several URLs count 23 each; a URL with an IDN host or non-ASCII path as well', () => {
    // 23 + " et " 4 + 23 + " et " 4 + 23
    expect(countText('https://bücher.de/livres et https://exemple.fr/été?q=café et http://exemple.org:8080/x', MASTODON_DEFAULT_LIMITS).used).toBe(77);
  });

  it('a remote mention counts only its @user part; a local mention counts as written', () => {
    // "@alice@mastodon.social" (22) counts as "@alice" (6)
    expect(countText('@alice@mastodon.social', MASTODON_DEFAULT_LIMITS).used).toBe(6);
    expect(countText('@alice', MASTODON_DEFAULT_LIMITS).used).toBe(6);
    // "Merci " 6 + "@bob" 4 + " et " 4 + "@claire" 7 + " !" 2
    expect(countText('Merci @bob@piaille.fr et @claire@social.example.org !', MASTODON_DEFAULT_LIMITS).used).toBe(23);
    // 493 + 1 + 6 = 500 at the limit although the text is 516 characters
    expect(countText(`${'a'.repeat(493)} @alice@mastodon.social`, MASTODON_DEFAULT_LIMITS)).toMatchObject({ used: 500, over: false });
    expect(countText(`${'a'.repeat(494)} @alice@mastodon.social`, MASTODON_DEFAULT_LIMITS)).toMatchObject({ used: 501, over: true });
  });

  it('dots and hyphens in user names and hosts belong to the mention; a final dot does not', () => {
    expect(mastodonCountableText('Salut @jean.paul-marie@mastodon.example-host.fr.')).toBe('Salut @jean.paul-marie.');
  });

  it('a mention inside a URL is part of the URL; an e-mail address is neither', () => {
    expect(countText('https://mastodon.social/@alice@example.com', MASTODON_DEFAULT_LIMITS).used).toBe(23);
    expect(countText('alice@example.com', MASTODON_DEFAULT_LIMITS).used).toBe(17);
  });

  it('a URL needs a scheme Mastodon knows: bare domains and ftp:// count as written', () => {
    expect(countText('exemple.fr/une/page', MASTODON_DEFAULT_LIMITS).used).toBe(19);
    expect(countText('www.exemple.fr', MASTODON_DEFAULT_LIMITS).used).toBe(14);
    expect(countText('ftp://exemple.fr/x', MASTODON_DEFAULT_LIMITS).used).toBe(18);
  });

  it('hosts without a real top-level domain are not URLs', () => {
    expect(countText('http://192.168.1.1/admin', MASTODON_DEFAULT_LIMITS).used).toBe(24);
    expect(countText('https://serveur.local/page-tres-longue', MASTODON_DEFAULT_LIMITS).used).toBe(38);
  });

  it('emoji, accents and CJK are graphemes on Mastodon too', () => {
    // family 1 + " " 1 + flag 1 + " " 1 + 3 graphemes (e + accent, t, é) + " " 1 + 8 CJK
    expect(countText(`${FAMILY} ${FLAG_FR} ${E_COMBINING}t${E_PRECOMPOSED} ${CJK}`, MASTODON_DEFAULT_LIMITS).used).toBe(16);
  });

  it('a blank text counts 0 (String#blank?)', () => {
    expect(countText('  \n\t ', MASTODON_DEFAULT_LIMITS).used).toBe(0);
  });

  it("follows the instance's own limits", () => {
    const limits = mastodonLimitsFromInstance({ max_characters: 1000, characters_reserved_per_url: 30 });
    expect(limits).toEqual({ network: 'mastodon', maxCharacters: 1000, charactersReservedPerUrl: 30 });
    expect(countText(`Lire ${url}`, limits).used).toBe(35);
    expect(countText('a'.repeat(1001), limits).reason).toBe('Mastodon: 1001/1000 characters');
    expect(mastodonLimitsFromInstance(undefined)).toEqual(MASTODON_DEFAULT_LIMITS);
    expect(mastodonLimitsFromInstance({ max_characters: 'lots', characters_reserved_per_url: -1 })).toEqual(MASTODON_DEFAULT_LIMITS);
  });

  it('the limits travel as checked data', () => {
    expect(TextLimitsSchema.parse(BLUESKY_LIMITS)).toEqual(BLUESKY_LIMITS);
    expect(TextLimitsSchema.safeParse({ network: 'mastodon', maxCharacters: 0 }).success).toBe(false);
  });
});

describe('findUrls', () => {
  it('finds URLs with their query and fragment, and their UTF-16 positions', () => {
    const text = `${FAMILY} Voir https://exemple.fr/a/b?x=1&y=2#frag, puis http://exemple.org/page#section.`;
    const urls = findUrls(text);
    expect(urls.map((u) => u.url)).toEqual(['https://exemple.fr/a/b?x=1&y=2#frag', 'http://exemple.org/page#section']);
    for (const u of urls) expect(text.slice(u.start, u.end)).toBe(u.url);
    expect(urls[0]?.start).toBe(FAMILY.length + 6);
  });

  it('needs a scheme, as Mastodon does when it counts', () => {
    expect(findUrls('exemple.fr www.exemple.fr/page')).toEqual([]);
  });

  it('a scheme glued after a bare domain is no URL: Mastodon skips that whole match', () => {
    expect(findUrls('exemple.fr/https://autre.fr')).toEqual([]);
  });

  it('a URL glued to a preceding letter is no URL', () => {
    expect(findUrls('voirhttps://exemple.fr')).toEqual([]);
  });

  it('stops at white space, at a closing quote mark and before a final comma', () => {
    expect(findUrls('« https://exemple.fr/page », https://exemple.fr/a, fin').map((u) => u.url)).toEqual([
      'https://exemple.fr/page',
      'https://exemple.fr/a',
    ]);
  });

  // A pattern that backtracks on these would never return (the test's timeout fails it); how
  // fast it returns is a speed figure, not a specification, so it is not timed here.
  it('returns on hostile text, still finding the URL after it', () => {
    expect(findUrls(`https://${'a.'.repeat(999)}`)).toEqual([]);
    expect(findUrls(`https://${'a.'.repeat(20_000)} ${'x.'.repeat(20_000)}`)).toEqual([]);
    const hostile = `https://${'a.'.repeat(20_000)}fr/page `;
    expect(findUrls(`${hostile}https://exemple.fr/b`)).toEqual([{ url: 'https://exemple.fr/b', start: hostile.length, end: hostile.length + 20 }]);
  });
});

describe('findMentions', () => {
  it('splits remote mentions into user and domain', () => {
    expect(findMentions('cc @alice@mastodon.social et @bob')).toEqual([
      { mention: '@alice@mastodon.social', username: 'alice', domain: 'mastodon.social', start: 3, end: 25 },
      { mention: '@bob', username: 'bob', domain: null, start: 29, end: 33 },
    ]);
  });
});
