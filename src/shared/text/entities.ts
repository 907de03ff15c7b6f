/**
 * URLs and mentions as Mastodon's server finds them when it counts a status
 * (app/validators/status_length_validator.rb → app/lib/extractor.rb → twitter-text 3, with the regexes
 * Mastodon overrides in config/initializers/twitter_regex.rb).
 *
 * Choices, written down because they decide counts:
 * - A URL needs a scheme. The validator calls `extract_urls_with_indices(str, extract_url_without_protocol: false)`,
 *   so "example.com/page" is counted as written, not as 23. Schemes: http, https, dat, dweb, ipfs, ipns, ssb,
 *   gopher, gemini (Mastodon's list). Bluesky's app also links bare domains, but Bluesky counts the text as
 *   written, so detection never changes a Bluesky count.
 * - twitter-text accepts a host only if it ends in a known TLD (its own list) or in punycode. We accept any
 *   final label of two or more letters (any script) or xn--…, except the special-use names below, which are in
 *   no TLD list. A URL on an unknown TLD would be counted 23 here but in full by Mastodon.
 * - Path, query and fragment follow Mastodon's path rules: the URL stops at white space, `<>()?` outside balanced
 *   parentheses, and does not end with `!*"'「」;:=,.$%[]~&|@` (so a final full stop belongs to the sentence).
 */

export interface FoundUrl {
  url: string;
  /** UTF-16 offsets in the text, end exclusive. */
  start: number;
  end: number;
}

export interface FoundMention {
  /** As written, "@user" or "@user@domain". */
  mention: string;
  username: string;
  domain: string | null;
  start: number;
  end: number;
}

const WHITE = '\\p{White_Space}';
// twitter-text's `punct`, which no host label may contain (hyphen and underscore only inside a label).
const PUNCT = "!'#%&()*+,\\-./:;<=>?@\\[\\]\\^_{|}~$";
const INVALID = '\\uFFFE\\uFEFF\\uFFFF';
const DIRECTIONAL = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const DOMAIN_CHAR = `[^${PUNCT}${WHITE}${INVALID}${DIRECTIONAL}]`;
const SUBDOMAIN = `(?:(?:${DOMAIN_CHAR}(?:[_-]|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\\.)`;
const DOMAIN_NAME = `(?:(?:${DOMAIN_CHAR}(?:-|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\\.)`;
const TLD = `(?:xn--[-0-9a-z]+|[\\p{L}\\p{M}]{2,})(?=[^a-z0-9@+\\-]|$)`;
const DOMAIN = `${SUBDOMAIN}*${DOMAIN_NAME}${TLD}`;

const PATH_CHAR = `[^${WHITE}<>()?]`;
const BALANCED_PARENS = `\\((?:${PATH_CHAR}+|${PATH_CHAR}*\\(${PATH_CHAR}+\\)${PATH_CHAR}*)\\)`;
const PATH_END = `(?:[^${WHITE}()?!*"'「」<>;:=,.$%\\[\\]~&|@]|${BALANCED_PARENS})`;
const PATH_SEGMENT = `(?:${PATH_CHAR}*(?:${BALANCED_PARENS}${PATH_CHAR}*)*${PATH_END}|${PATH_CHAR}+/)`;
const UCHARS =
  '\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}\\u{30000}-\\u{3FFFD}' +
  '\\u{40000}-\\u{4FFFD}\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}\\u{90000}-\\u{9FFFD}' +
  '\\u{A0000}-\\u{AFFFD}\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}\\u{D0000}-\\u{DFFFD}\\u{E1000}-\\u{EFFFD}\\u{E000}-\\u{F8FF}' +
  '\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}';
const QUERY_CHAR = `[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^${UCHARS}]`;
const QUERY_END = `[a-z0-9_&=#/\\-${UCHARS}]`;

const SCHEME = '((?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://)';
const URL_REST = `(${DOMAIN})(?::[0-9]+)?(?:/${PATH_SEGMENT}*)?(?:\\?${QUERY_CHAR}*${QUERY_END})?`;
const NOT_AFTER = `(?<![a-z0-9@＠$#＃${INVALID}])`;
// Mastodon's regex has the scheme optional and skips a match without one whole, so "exemple.fr/https://x.fr"
// holds no URL. That costs a try at every label of every word; it runs only on the words that hold "://".
const URL_SCHEME_OPTIONAL = new RegExp(`${NOT_AFTER}${SCHEME}?${URL_REST}`, 'giu');
// For a word too long for that (a try per label is quadratic), only URLs that start with their scheme are sought.
const URL_SCHEME_REQUIRED = new RegExp(`${NOT_AFTER}${SCHEME}${URL_REST}`, 'giu');
/** Words longer than this are searched with URL_SCHEME_REQUIRED. */
const EXACT_SEARCH_MAX = 2000;
/** No URL spans ASCII white space (the query may hold other white space: UCHARS). */
const ASCII_WORD = /[^\t\n\v\f\r \u0085]+/gu;

/** twitter-text's MAX_URL_LENGTH. */
const MAX_URL_LENGTH = 4096;
/** Special-use and private names (RFC 6761, RFC 6762, common LAN names) that no TLD list holds. */
const NOT_TLDS = new Set(['example', 'invalid', 'local', 'localhost', 'test', 'internal', 'lan', 'home', 'corp', 'localdomain']);

/** URLs with a scheme, in order, as Mastodon finds them (and as both networks link them). */
export function findUrls(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  if (!text.includes('://')) return found;
  for (const word of text.matchAll(ASCII_WORD)) {
    if (!word[0].includes('://')) continue;
    // Searching the word alone is the same as searching the text: what precedes it is white space or nothing.
    const re = word[0].length <= EXACT_SEARCH_MAX ? URL_SCHEME_OPTIONAL : URL_SCHEME_REQUIRED;
    re.lastIndex = 0;
    for (let m = re.exec(word[0]); m !== null; m = re.exec(word[0])) {
      const url = m[0];
      if (m[1] === undefined) continue; // no scheme: no URL for Mastodon, and the whole match is skipped
      const domain = m[2] ?? '';
      if (NOT_TLDS.has(domain.slice(domain.lastIndexOf('.') + 1).toLowerCase())) continue;
      if ([...url].length > MAX_URL_LENGTH) continue;
      const start = word.index + m.index;
      found.push({ url, start, end: start + url.length });
    }
  }
  return found;
}

const WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}'; // Ruby's [[:word:]]
const USERNAME = '[a-z0-9_]+(?:[.\\-]+[a-z0-9_]+)*'; // Account::USERNAME_RE
// Account::MENTION_RE: (?<![=/[:word:]])@((USERNAME)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)
const MENTION_SOURCE = `(?<![=/${WORD}])@((${USERNAME})(?:@([${WORD}]+(?:[.\\-]+[${WORD}]+)*))?)`;
// twitter-text's end_mention_match: a mention followed by an at sign, a Latin accent or "://" is no mention.
const LATIN_ACCENTS = '\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257\\u0259\\u025B\\u0263\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u1E00-\\u1EFF';
const COMBINING_ACCENTS = '\\u0300-\\u036F'; // also in twitter-text's latin_accents; a class of its own for the linter
const END_MENTION = new RegExp(`^(?:[@＠${LATIN_ACCENTS}]|[${COMBINING_ACCENTS}]|://)`, 'u');
/** Extractor::MAX_DOMAIN_LENGTH */
const MAX_DOMAIN_LENGTH = 253;

const MENTION = new RegExp(MENTION_SOURCE, 'giu');

/** Mentions, local ("@user") and remote ("@user@domain"), as Mastodon's Extractor finds them. */
export function findMentions(text: string): FoundMention[] {
  const found: FoundMention[] = [];
  if (!text.includes('@')) return found;
  const re = MENTION;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (END_MENTION.test(text.slice(end, end + 3))) continue;
    const domain = m[3] ?? null;
    if (domain !== null && [...domain].length > MAX_DOMAIN_LENGTH) continue;
    found.push({ mention: m[0], username: m[2] ?? '', domain, start: m.index, end });
  }
  return found;
}
