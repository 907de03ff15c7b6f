/** Thread mode: a long text split into numbered posts, each within its target's limits. */
import { describe, expect, it } from 'vitest';
import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS, countText, findUrls, splitThread, type TextLimits } from '../../src/shared/text';

const FAMILY = '👩‍👩‍👧‍👦';
const NUMBER = / (\d+)\/(\d+)$/u;

/** About 2,000 characters of French with emoji, a URL, mentions, hashtags and no-break spaces before ! ? : ;. */
const FRENCH = [
  "Chère communauté, voici le compte rendu de notre assemblée générale du samedi 14 novembre, tenue à la maison des associations de Villeurbanne. Nous étions quarante-deux présents, plus une vingtaine en visioconférence\u202F! Merci à toutes et à tous 🙏 pour cette belle participation, qui dépasse largement celle de l'an dernier.",
  "Premier point\u202F: le budget. La trésorière a présenté les comptes 2025, équilibrés malgré la hausse du loyer 📈. Les cotisations restent à quinze euros, et le tarif réduit à cinq euros pour les étudiants et les personnes sans emploi. Le détail est en ligne\u202F: https://asso-exemple.fr/ag-2025/comptes?format=pdf&version=2#page-3 — n'hésitez pas à poser vos questions.",
  `Deuxième point\u202F: les ateliers du jeudi soir. Ils reprennent dès janvier avec une nouvelle formule 🎨 : couture, réparation de vélos 🚲 et cuisine du monde 🍜. Les familles sont les bienvenues ${FAMILY}, et une garderie sera proposée pour les plus petits. Inscriptions auprès de @camille@piaille.fr ou de @jean.baptiste@mastodon.social, qui coordonnent les bénévoles.`,
  "Troisième point\u202F: la fête de quartier. Elle aura lieu le 20 juin 🇫🇷, place Grandclément, avec un concert, une scène ouverte et un grand repas partagé. Nous cherchons encore des volontaires pour monter les stands, tenir la buvette et ranger le soir\u202F; chaque heure compte, même une seule\u202F!",
  "Un mot sur les finances de la fête\u202F: la mairie nous accorde cette année une subvention de mille deux cents euros 💶, soit deux cents de plus que l'an passé. Elle couvrira la sonorisation, la location des tables et l'assurance. Le reste viendra de la buvette et de la tombola, dont les lots sont offerts par les commerçants du quartier 🎁.",
  "Enfin, le conseil d'administration a été renouvelé\u202F: bienvenue à Inès, Mamadou et Zoé, et merci à Hélène pour ses six années de présidence 👏🏽. Le prochain conseil se réunira le 3 décembre. Vous voulez nous rejoindre\u202F? Écrivez-nous, ou passez simplement nous voir un jeudi soir. À très bientôt\u202F! #VieAssociative #Villeurbanne #AG2025",
].join('\n\n');

function withoutNumber(part: string): string {
  return part.replace(NUMBER, '');
}

function words(text: string): string[] {
  return text.split(/[\t\n\v\f\r \u0085\u2028\u2029]+/u).filter((w) => w.length > 0);
}

function expectNumbered(parts: string[]): void {
  parts.forEach((part, i) => {
    const match = NUMBER.exec(part);
    expect(match?.[1]).toBe(String(i + 1));
    expect(match?.[2]).toBe(String(parts.length));
  });
}

describe('splitThread on a 2,000-character French text', () => {
  it('is the text the tests describe', () => {
    expect(FRENCH.length).toBeGreaterThanOrEqual(1900);
    expect(FRENCH.length).toBeLessThanOrEqual(2200);
  });

  // At least: what the text counts divided by what a post holds besides " n/N" (Bluesky 2025 / 295; Mastodon,
  // where the URL and the mentions shrink, about 1955 / 495). At most: cutting only at sentences wastes some room.
  it.each([
    ['Bluesky', BLUESKY_LIMITS, 7, 12],
    ['Mastodon', MASTODON_DEFAULT_LIMITS, 4, 7],
  ] as const)('%s: numbered posts, none over, the words back in order', (_name, limits: TextLimits, atLeast, atMost) => {
    const parts = splitThread(FRENCH, limits);
    expect(parts.length).toBeGreaterThanOrEqual(atLeast);
    expect(parts.length).toBeLessThanOrEqual(atMost);
    for (const part of parts) {
      expect(countText(part, limits).over, part).toBe(false);
      expect(part).toBe(part.trim());
    }
    expectNumbered(parts);
    expect(words(parts.map(withoutNumber).join('\n'))).toEqual(words(FRENCH));
  });

  it('keeps the URL, the mentions and the hashtags whole', () => {
    for (const limits of [BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS]) {
      const parts = splitThread(FRENCH, limits);
      for (const whole of ['https://asso-exemple.fr/ag-2025/comptes?format=pdf&version=2#page-3', '@camille@piaille.fr', '@jean.baptiste@mastodon.social', '#VieAssociative', '#AG2025']) {
        expect(parts.some((part) => part.includes(whole)), whole).toBe(true);
      }
      expect(parts.flatMap((part) => findUrls(part)).map((u) => u.url)).toEqual(['https://asso-exemple.fr/ag-2025/comptes?format=pdf&version=2#page-3']);
    }
  });

  it('cuts after paragraphs where it can: on Mastodon each paragraph (under 500) is its own post or shares one whole', () => {
    const parts = splitThread(FRENCH, MASTODON_DEFAULT_LIMITS).map(withoutNumber);
    const paragraphs = FRENCH.split('\n\n');
    // Every post is made of whole paragraphs.
    for (const part of parts) {
      for (const piece of part.split('\n\n')) expect(paragraphs).toContain(piece);
    }
  });

  it('cuts at the end of a sentence rather than between words (Bluesky, paragraphs over 300)', () => {
    const parts = splitThread(FRENCH, BLUESKY_LIMITS).map(withoutNumber);
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/[.!?…»]$/u);
  });

  it('never starts a post with the punctuation of the previous sentence, nor cuts at a no-break space', () => {
    for (const limits of [BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS]) {
      for (const part of splitThread(FRENCH, limits)) expect(part).not.toMatch(/^[!?:;»]/u);
    }
  });

  it('without numbering: the same guarantees, no suffix', () => {
    const parts = splitThread(FRENCH, BLUESKY_LIMITS, { numbering: false });
    for (const part of parts) {
      expect(countText(part, BLUESKY_LIMITS).over).toBe(false);
      expect(part).not.toMatch(NUMBER);
    }
    expect(words(parts.join(' '))).toEqual(words(FRENCH));
  });
});

describe('splitThread limits', () => {
  it('returns a text that fits as it is, unnumbered', () => {
    expect(splitThread('Bonjour à tous 👋', BLUESKY_LIMITS)).toEqual(['Bonjour à tous 👋']);
    expect(splitThread('a'.repeat(300), BLUESKY_LIMITS)).toEqual(['a'.repeat(300)]);
  });

  it('gives no post for a blank text', () => {
    expect(splitThread(' \n ', BLUESKY_LIMITS)).toEqual([]);
  });

  it('counts the numbering within the limit: 301 one-letter words need two posts of at most 300', () => {
    const text = Array.from({ length: 151 }, () => 'a').join(' '); // 151 + 150 spaces = 301
    const parts = splitThread(text, BLUESKY_LIMITS);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/ 1\/2$/u);
    // "a a … a" of 148 words is 295 + " 1/2" 4 = 299; one more word would be 301.
    expect(countText(parts[0] as string, BLUESKY_LIMITS).used).toBe(299);
  });

  it('widens the numbering when the thread reaches ten posts', () => {
    const text = Array.from({ length: 60 }, (_, i) => `Phrase ${i} qui parle de la fête de quartier.`).join(' ');
    const parts = splitThread(text, BLUESKY_LIMITS);
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expectNumbered(parts);
    for (const part of parts) expect(countText(part, BLUESKY_LIMITS).over).toBe(false);
  });

  it('splits on the Bluesky byte limit as well: 200 families are 200 graphemes but 5000 bytes', () => {
    const text = Array.from({ length: 200 }, () => FAMILY).join(' ');
    const parts = splitThread(text, BLUESKY_LIMITS);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(countText(part, BLUESKY_LIMITS)).toMatchObject({ over: false });
    expect(words(parts.map(withoutNumber).join(' '))).toHaveLength(200);
  });

  it('on Mastodon a long URL takes 23 in a post, on Bluesky its full length', () => {
    const url = `https://exemple.fr/${'chemin/'.repeat(30)}fin?q=1#ancre`; // 240 characters
    const text = Array.from({ length: 10 }, (_, i) => `Lien ${i} ${url}`).join(' ');
    const mastodon = splitThread(text, MASTODON_DEFAULT_LIMITS);
    const bluesky = splitThread(text, BLUESKY_LIMITS);
    expect(mastodon).toHaveLength(1); // 10 × (7 + 23) + 9 = 309: fits in one post
    expect(bluesky).toHaveLength(10);
    for (const part of bluesky) expect(countText(part, BLUESKY_LIMITS).over).toBe(false);
    expect(bluesky.flatMap((part) => findUrls(part)).map((u) => u.url)).toEqual(Array(10).fill(url));
  });

  it('throws when not even one character fits', () => {
    expect(() => splitThread('abcdef', { network: 'bluesky', maxCharacters: 4 })).toThrow(RangeError);
  });
});

describe('splitThread on a word longer than a post', () => {
  it('cuts it between graphemes, never inside a ZWJ family (Bluesky: 400 families, 10,000 bytes)', () => {
    const word = FAMILY.repeat(400);
    const parts = splitThread(word, BLUESKY_LIMITS);
    // Each post: at most (3000 - 5 bytes for " n/N") / 25 = 119 families: 400 needs 4 posts.
    expect(parts).toHaveLength(4);
    expectNumbered(parts);
    for (const part of parts) {
      expect(countText(part, BLUESKY_LIMITS).over).toBe(false);
      expect(withoutNumber(part)).toMatch(new RegExp(`^(?:${FAMILY})+$`, 'u'));
    }
    expect(parts.map(withoutNumber).join('')).toBe(word);
  });

  it('never separates a letter from its combining accent (Mastodon: 700 × e + U+0301)', () => {
    const word = 'e\u0301'.repeat(700);
    const parts = splitThread(`Début ${word} fin.`, MASTODON_DEFAULT_LIMITS);
    // The long word starts a post of its own: 496 graphemes + " 2/3", then the other 204 with " fin."
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe('Début 1/3');
    expect(parts[1]).toBe(`${'e\u0301'.repeat(496)} 2/3`);
    for (const part of parts) {
      expect(countText(part, MASTODON_DEFAULT_LIMITS).over).toBe(false);
      expect(part).not.toMatch(/^\u0301/u);
    }
    expect(parts.map(withoutNumber).join('').replace(/\s/gu, '')).toBe(`Début${word}fin.`);
  });

  it('Chinese without spaces is cut after a sentence when one is near the end of the post', () => {
    const sentence = '今天我们在社区中心举行了年度大会，感谢大家的参与。'; // 25 characters
    const text = sentence.repeat(30);
    const parts = splitThread(text, BLUESKY_LIMITS);
    for (const part of parts.slice(0, -1)) expect(withoutNumber(part)).toMatch(/。$/u);
    expect(parts.map(withoutNumber).join('')).toBe(text);
  });
});
