import { describe, expect, it } from 'vitest';
import { CharterEngine } from '../../src/main/core/charter/engine';
import { checkPattern, runPattern } from '../../src/main/core/charter/regex-guard';
import { Charter, type CharterItem, type CharterRule } from '../../src/shared/charter/schema';
import { fold, words } from '../../src/shared/charter/normalize';

const NOW = Date.parse('2026-12-01T10:00:00Z');
let n = 0;
const item = (text: string, extra: Partial<CharterItem> = {}): CharterItem => ({ id: `i${++n}`, text, authorId: `a${n}`, at: NOW, ...extra });
const rule = (id: string, match: CharterRule['match'], extra: Partial<CharterRule> = {}): CharterRule =>
  Charter.shape.rules.element.parse({ id, name: `Rule ${id}`, severity: 'warning', action: 'flag', match, ...extra });
const charter = (...rules: CharterRule[]) => Charter.parse({ format: 'tribune-charter', version: 1, rules });
const flagged = (engine: CharterEngine, items: CharterItem[]) => engine.evaluate(items, NOW).flags.map((f) => `${f.itemId}:${f.ruleId}:${f.matched}`);

describe('folding text for the charter', () => {
  it('ignores case and accents, makes apostrophes plain, drops French elisions', () => {
    expect(fold('L’ÉTÉ Déjà ŒUVRE')).toBe("l'ete deja oeuvre");
    expect(words(fold("C'est l’arnaque, qu'il dit jusqu'ici, aujourd'hui !"))).toEqual(['est', 'arnaque', 'il', 'dit', 'ici', "aujourd'hui"]);
    expect(words(fold('Top 👍 super🎉génial'))).toEqual(['top', 'super', 'genial']);
  });
});

describe('word and phrase rules', () => {
  const engine = new CharterEngine(charter(rule('insult', { kind: 'words', terms: ['débile', 'arnaque', 'scam', 'rip off'] })));

  it.each([
    ['Quelle DEBILE cette annonce', 'débile'],
    ["C'est l’arnaque du siècle", 'arnaque'],
    ['Total SCAM, avoid', 'scam'],
    ['What a rip-off!', 'rip off'],
    ['What a   RIP   OFF 🙄', 'rip off'],
    ['Débile!!! 😡', 'débile'],
  ])('flags %j, naming the rule and the term', (text, term) => {
    const it = item(text);
    expect(flagged(engine, [it])).toEqual([`${it.id}:insult:${term}`]);
  });

  it.each([['Les arnaqueurs ne passeront pas'], ['scampi au menu ce soir'], ['une débilité'], ['rip offshore']])('leaves %j alone (whole words only)', (text) => {
    expect(flagged(engine, [item(text)])).toEqual([]);
  });

  it('flags an item once per rule even when several terms match', () => {
    const it = item('arnaque, scam, débile');
    expect(engine.evaluate([it], NOW).flags).toHaveLength(1);
  });
});

describe('structural rules', () => {
  it('link domains, subdomains included', () => {
    const engine = new CharterEngine(charter(rule('links', { kind: 'link_domains', domains: ['spam.example'] })));
    const a = item('Promo', { links: ['https://win.spam.example/x'] });
    const b = item('Promo', { links: ['https://notspam.example/x', 'javascript:alert(1)'] });
    expect(flagged(engine, [a, b])).toEqual([`${a.id}:links:win.spam.example`]);
  });

  it('mass mentions, all caps, new or empty accounts', () => {
    const engine = new CharterEngine(
      charter(
        rule('mentions', { kind: 'mass_mentions', min: 5 }),
        rule('caps', { kind: 'all_caps', minLetters: 10, ratio: 0.9 }),
        rule('newbie', { kind: 'new_account', maxAgeDays: 7, emptyProfile: true }),
      ),
    );
    const mass = item('@a @b @c @d @e regardez');
    const caps = item('VOUS ÊTES DES INCAPABLES !!!');
    const short = item('OK MERCI');
    const young = item('bonjour', { author: { createdAt: NOW - 2 * 86_400_000, hasAvatar: true, hasBio: true, postsCount: 50 } });
    const empty = item('bonjour', { author: { createdAt: NOW - 400 * 86_400_000, hasAvatar: false, hasBio: false, postsCount: 0 } });
    const settled = item('bonjour', { author: { createdAt: NOW - 400 * 86_400_000, hasAvatar: true, hasBio: false, postsCount: 0 } });
    expect(flagged(engine, [mass, caps, short, young, empty, settled]).sort()).toEqual(
      [`${mass.id}:mentions:mentions:5`, `${caps.id}:caps:all_caps`, `${young.id}:newbie:new_account:2`, `${empty.id}:newbie:empty_account`].sort(),
    );
  });

  it('account rules match on known facts only: an unknown age, bio, avatar or posts count never matches', () => {
    const engine = new CharterEngine(charter(rule('newbie', { kind: 'new_account', maxAgeDays: 3, emptyProfile: true })));
    const agedOnly = new CharterEngine(charter(rule('aged', { kind: 'new_account', maxAgeDays: 3, emptyProfile: false })));
    const day = 86_400_000;
    const today = item('salut', { author: { createdAt: NOW - 5 * 60_000, hasAvatar: null, hasBio: null, postsCount: null } });
    const edge = item('salut', { author: { createdAt: NOW - 3 * day, hasAvatar: true, hasBio: true, postsCount: 9 } });
    const older = item('salut', { author: { createdAt: NOW - 3 * day - 1, hasAvatar: true, hasBio: true, postsCount: 9 } });
    const noAge = item('salut', { author: { createdAt: null, hasAvatar: true, hasBio: true, postsCount: 0 } });
    const noAuthor = item('salut');
    const emptyUnknownPosts = item('salut', { author: { createdAt: null, hasAvatar: false, hasBio: false, postsCount: null } });
    const emptyUnknownBio = item('salut', { author: { createdAt: null, hasAvatar: false, hasBio: null, postsCount: 0 } });
    const emptyOldOnePost = item('salut', { author: { createdAt: NOW - 900 * day, hasAvatar: false, hasBio: false, postsCount: 1 } });
    const notEmptyPosts = item('salut', { author: { createdAt: null, hasAvatar: false, hasBio: false, postsCount: 2 } });
    const all = [today, edge, older, noAge, noAuthor, emptyUnknownPosts, emptyUnknownBio, emptyOldOnePost, notEmptyPosts];
    expect(flagged(engine, all).sort()).toEqual(
      [`${today.id}:newbie:new_account:0`, `${edge.id}:newbie:new_account:3`, `${emptyOldOnePost.id}:newbie:empty_account`].sort(),
    );
    // Without the empty-profile part, only the age counts.
    expect(flagged(agedOnly, all).sort()).toEqual([`${today.id}:aged:new_account:0`, `${edge.id}:aged:new_account:3`].sort());
  });

  it('spam waves: the same text from several authors within the window, across batches', () => {
    const engine = new CharterEngine(charter(rule('wave', { kind: 'spam_wave', minAuthors: 3, windowMinutes: 60 })));
    const text = 'Gagnez un iPhone gratuit ici https://x.example/1';
    const earlier = [item(text, { authorId: 'u1', at: NOW - 30 * 60_000 }), item(text.replace('/1', '/2'), { authorId: 'u2', at: NOW - 10 * 60_000 })];
    const now = item('GAGNEZ un iPhone gratuit ici https://x.example/3 @brand', { authorId: 'u3' });
    const alone = item('Gagnez un iPhone gratuit ici', { authorId: 'u1', at: NOW - 3 * 3_600_000 });
    expect(flagged(engine, [now], ).length).toBe(0);
    expect(engine.evaluate([now], NOW, earlier).flags.map((f) => f.matched)).toEqual(['spam_wave:3']);
    expect(engine.evaluate([alone], NOW, earlier).flags).toEqual([]);
    // Short thanks from many people are not a wave.
    const thanks = ['u1', 'u2', 'u3', 'u4'].map((authorId) => item('Merci beaucoup', { authorId }));
    expect(engine.evaluate(thanks, NOW).flags).toEqual([]);
  });
});

describe('regular expressions', () => {
  it('refuses invalid, catastrophic and backreferencing patterns with a code', () => {
    expect(checkPattern('(unclosed')).toMatchObject({ code: 'regex_invalid' });
    expect(checkPattern('(a+)+$')).toEqual({ code: 'regex_nested_quantifier', at: 4 });
    expect(checkPattern('(\\w+\\s?)*$')).toMatchObject({ code: 'regex_nested_quantifier' });
    expect(checkPattern('(?:x*)*y')).toMatchObject({ code: 'regex_nested_quantifier' });
    expect(checkPattern('(.*a){2,}')).toMatchObject({ code: 'regex_nested_quantifier' });
    expect(checkPattern('(a)\\1')).toMatchObject({ code: 'regex_backreference' });
    expect(checkPattern('\\b(promo|gratuit)\\s+\\d+\\s*%')).toBeNull();
    expect(checkPattern('[(a+)+]+')).toBeNull(); // inside a class, nothing nests
    expect(checkPattern('(ab)+c{2,5}')).toBeNull();
  });

  it('flag with the matched text, case-insensitive by default', () => {
    const engine = new CharterEngine(charter(rule('promo', { kind: 'regex', pattern: '\\b(promo|gratuit)\\s+\\d+\\s*%', caseInsensitive: true })));
    const a = item('PROMO 50 % sur tout');
    expect(flagged(engine, [a, item('promotion')])).toEqual([`${a.id}:promo:PROMO 50 %`]);
  });

  it('a pattern that still backtracks badly is stopped by the time bound, the core keeps going', () => {
    // Overlapping alternatives slip past the shape check; the bound catches them.
    const evil = '^(a|aa)+$';
    expect(checkPattern(evil)).toBeNull();
    const hostile = `${'a'.repeat(40)}!`;
    // Unbounded, this match would not end (2^40 ways): an answer at all is the bound at work.
    expect(runPattern(evil, false, [hostile], 100)).toEqual({ ok: false, code: 'regex_timeout' });
    const engine = new CharterEngine(charter(rule('evil', { kind: 'regex', pattern: evil, caseInsensitive: false }), rule('w', { kind: 'words', terms: ['a'] })), { regexTimeoutMs: 100 });
    const run = engine.evaluate([item(hostile), item('a')], NOW);
    expect(run.failures).toEqual([{ ruleId: 'evil', code: 'regex_timeout' }]);
    expect(run.flags.map((f) => f.ruleId)).toEqual(['w']);
  });
});

describe('every flag names its rule', () => {
  it('with its name, severity and suggested action', () => {
    const engine = new CharterEngine(charter(rule('r1', { kind: 'words', terms: ['nul'] }, { name: 'Insultes', severity: 'critical', action: 'hide', automatic: true })));
    const it = item('Service nul');
    expect(engine.evaluate([it], NOW).flags).toEqual([
      { itemId: it.id, ruleId: 'r1', ruleName: 'Insultes', severity: 'critical', action: 'hide', automatic: true, matched: 'nul' },
    ]);
  });

  it('disabled rules flag nothing', () => {
    const engine = new CharterEngine(charter(rule('off', { kind: 'words', terms: ['nul'] }, { enabled: false })));
    expect(engine.evaluate([item('nul')], NOW).flags).toEqual([]);
  });
});
