/**
 * The inbox and the charter on incoming items, on a real SQLite file with the real streams
 * engine and a scripted network: flags with rule and matched text on column pages and in the
 * inbox; one inbox across columns (no duplicates), states, snoozes that come back on top with
 * an injected clock, bulk done and undo, filters and counts; the brand's reply marks done.
 */
import { describe, expect, it } from 'vitest';
import type { Charter } from '../../src/shared/charter/schema';
import { entry, item } from '../helpers/board/fixtures';
import { BRAND, inboxHarness, notification } from '../helpers/inbox/harness';

const charter: Charter = {
  format: 'tribune-charter',
  version: 1,
  rules: [
    { id: 'insults', name: 'Insultes', severity: 'warning', action: 'hide', automatic: false, enabled: true, match: { kind: 'words', terms: ['arnaque', 'débile'] } },
    { id: 'phone', name: 'Numéro de téléphone', severity: 'info', action: 'flag', automatic: false, enabled: true, match: { kind: 'regex', pattern: '0[67](\\s?\\d{2}){4}', caseInsensitive: true } },
  ],
};

const iso = (ms: number) => new Date(ms).toISOString();

describe('the charter on incoming items', () => {
  it('flags what arrives in any column with the rule and the matched text; the brand\'s own posts are never flagged', async () => {
    const t = await inboxHarness();
    await t.h['charter.save']({ workspaceId: t.ws.id, charter });
    const home = await t.column('home', [
      entry(1, { text: "C'est une ARNAQUE, l’Arnaque du siècle" }),
      entry(2, { text: 'Appelez le 06 12 34 56 78' }),
      entry(3, { text: 'Belle journée au port' }),
      entry(4, { text: 'Attention à l’arnaque', author: BRAND, uri: 'at://did:plc:mairie/app.bsky.feed.post/4' }),
    ]);
    const page = await t.h['column.page']({ columnId: home.id });
    const flags = Object.fromEntries(page.entries.map((e) => (e.kind === 'item' ? [e.item.text, e.item.flags ?? []] : ['gap', []])));
    expect(flags["C'est une ARNAQUE, l’Arnaque du siècle"]).toEqual([{ ruleId: 'insults', ruleName: 'Insultes', severity: 'warning', action: 'hide', matched: 'arnaque' }]);
    expect(flags['Appelez le 06 12 34 56 78']).toEqual([{ ruleId: 'phone', ruleName: 'Numéro de téléphone', severity: 'info', action: 'flag', matched: '06 12 34 56 78' }]);
    expect(flags['Belle journée au port']).toEqual([]);
    expect(flags['Attention à l’arnaque']).toEqual([]);
  });

  it('recomputes the flags of cached items when the charter changes, and tests a rule live before it is saved', async () => {
    const t = await inboxHarness();
    const home = await t.column('home', [entry(1, { text: 'Quel débile ce projet' }), entry(2, { text: 'Super projet' })]);
    const flagged = async () => (await t.h['column.page']({ columnId: home.id })).entries.flatMap((e) => (e.kind === 'item' && e.item.flags ? e.item.flags.map((f) => `${e.item.text}:${f.matched}`) : []));
    expect(await flagged()).toEqual([]);
    const rule = { id: 'p', name: 'Projet', severity: 'info' as const, action: 'flag' as const, automatic: false, enabled: true, match: { kind: 'words' as const, terms: ['projet'] } };
    const test = await t.h['charter.test']({ workspaceId: t.ws.id, rule, sample: 'Le PROJET de la mairie' });
    expect(test.problem).toBeNull();
    expect(test.sample.map((f) => f.matched)).toEqual(['projet']);
    expect(test.matches.map((m) => m.text).sort()).toEqual(['Quel débile ce projet', 'Super projet']);
    expect(test.scanned).toBe(2);
    const risky = await t.h['charter.test']({ workspaceId: t.ws.id, rule: { ...rule, match: { kind: 'regex', pattern: '(a+)+$', caseInsensitive: true } } });
    expect(risky.problem).toMatchObject({ reason: 'regex_nested_quantifier' });
    await t.h['charter.save']({ workspaceId: t.ws.id, charter });
    expect(await flagged()).toEqual(['Quel débile ce projet:débile']);
    await t.h['charter.save']({ workspaceId: t.ws.id, charter: { ...charter, rules: [rule] } });
    expect((await flagged()).sort()).toEqual(['Quel débile ce projet:projet', 'Super projet:projet']);
  });
});

describe('the inbox', () => {
  it('gathers mentions, replies, quotes and direct messages once each, leaves follows out unless asked, and names the flag', async () => {
    const t = await inboxHarness();
    await t.h['charter.save']({ workspaceId: t.ws.id, charter });
    const reply = notification('reply', 1, { text: 'Quelle arnaque ce parking', replyTo: { uri: 'at://did:plc:mairie/app.bsky.feed.post/9', handle: 'mairie.test' } });
    await t.column('notifications', [reply, notification('mention', 2, { language: 'en' }), notification('quote', 3), notification('like', 4), notification('follow', 5)]);
    // The same reply seen by a mentions column too: still one inbox item.
    await t.column('mentions', [entry(1, { text: 'Quelle arnaque ce parking', replyTo: { uri: 'at://did:plc:mairie/app.bsky.feed.post/9', handle: 'mairie.test' } })]);
    await t.column('direct', [entry(6, { text: 'Bonjour, une question en privé' })]);
    const page = await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' });
    expect(page.entries.map((e) => [e.kind, e.item?.text ?? null])).toEqual([
      ['reply', 'Quelle arnaque ce parking'],
      ['mention', 'Post 2 about Port-Lumière'],
      ['quote', 'Post 3 about Port-Lumière'],
      ['dm', 'Bonjour, une question en privé'],
    ]);
    expect(page.entries[0]!.flags).toEqual([{ ruleId: 'insults', ruleName: 'Insultes', severity: 'warning', action: 'hide', matched: 'arnaque' }]);
    expect(page.counts).toEqual({ toHandle: 4, snoozed: 0, done: 0, flagged: 1 });
    expect(page.targetMinutes).toBe(120);
    await t.h['inbox.setSettings']({ workspaceId: t.ws.id, includeFollows: true, targetMinutes: 60 });
    const withFollows = await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' });
    expect(withFollows.entries.map((e) => e.kind)).toContain('follow');
    expect(withFollows.targetMinutes).toBe(60);
    // Filters: flagged, type, language, account, network.
    const only = async (filter: object) => (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle', filter })).entries.map((e) => e.kind);
    expect(await only({ flagged: true })).toEqual(['reply']);
    expect(await only({ kinds: ['dm', 'quote'] })).toEqual(['quote', 'dm']);
    expect(await only({ languages: ['en'] })).toEqual(['mention']);
    expect(await only({ networks: ['mastodon'] })).toEqual([]);
    expect((await only({ accountIds: [t.account.id] })).length).toBe(5);
  });

  it('marks done in bulk and undoes it; a snooze leaves the list and comes back on top when its time comes', async () => {
    const t = await inboxHarness();
    const base = t.clock.now();
    await t.column('notifications', [notification('mention', 1, {}, base - 60_000), notification('mention', 2, {}, base - 120_000), notification('mention', 3, {}, base - 180_000)]);
    const list = async (state: 'to_handle' | 'done' | 'snoozed') => (await t.h['inbox.list']({ workspaceId: t.ws.id, state })).entries.map((e) => e.item!.text.split(' ')[1]);
    const ids = (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' })).entries.map((e) => e.id);
    expect(await list('to_handle')).toEqual(['1', '2', '3']);

    const bulk = await t.h['inbox.setState']({ workspaceId: t.ws.id, ids: [ids[0]!, ids[1]!], state: 'done' });
    expect(bulk.counts).toMatchObject({ toHandle: 1, done: 2 });
    expect(await list('done')).toEqual(expect.arrayContaining(['1', '2']));
    await t.h['inbox.restore']({ workspaceId: t.ws.id, previous: bulk.previous });
    expect(await list('to_handle')).toEqual(['1', '2', '3']);

    // Snooze the oldest for an hour: it leaves the list; an hour later it is on top.
    expect(() => t.h['inbox.setState']({ workspaceId: t.ws.id, ids: [ids[2]!], state: 'snoozed', snoozedUntil: iso(base - 1) })).toThrow(expect.objectContaining({ code: 'inbox_snooze_in_past' }));
    await t.h['inbox.setState']({ workspaceId: t.ws.id, ids: [ids[2]!], state: 'snoozed', snoozedUntil: iso(base + 3_600_000) });
    expect(await list('to_handle')).toEqual(['1', '2']);
    expect(await list('snoozed')).toEqual(['3']);
    t.clock.advance(3_600_000);
    expect(await list('to_handle')).toEqual(['3', '1', '2']);
    expect(await t.h['inbox.counts']({ workspaceId: t.ws.id })).toEqual({ toHandle: 3, snoozed: 0, done: 0, flagged: 0 });
    // Every change is in the audit log, by hand.
    const audit = await t.h['audit.list']({ workspaceId: t.ws.id });
    expect(audit.map((a) => `${a.action}:${a.outcome}`).sort()).toEqual(['inbox.done:done', 'inbox.done:done', 'inbox.done:undone', 'inbox.done:undone', 'inbox.snoozed:done'].sort());
    expect(audit.every((a) => a.ruleId === null && a.accountId === t.account.id && a.itemUri?.startsWith('at://'))).toBe(true);
  });

  it('the brand\'s reply marks the item done and records the first reply; reopening keeps that time', async () => {
    const t = await inboxHarness();
    const arrived = t.clock.now() - 30 * 60_000;
    const mention = notification('mention', 1, { createdAt: arrived }, arrived);
    const notifications = await t.column('notifications', [mention]);
    const [first] = (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' })).entries;
    const home = await t.column('home', []);
    const answer = item(900, { author: BRAND, uri: 'at://did:plc:mairie/app.bsky.feed.post/900', replyTo: { uri: mention.item!.uri, handle: 'author1.test' }, createdAt: arrived + 20 * 60_000 });
    await t.arrive(home.id, 'home', [{ kind: 'item', key: answer.uri, at: answer.createdAt, item: answer, repostedBy: null }]);
    const [done] = (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'done' })).entries;
    expect(done).toMatchObject({ id: first!.id, firstReplyAt: iso(arrived + 20 * 60_000), doneAt: iso(arrived + 20 * 60_000) });
    await t.h['inbox.setState']({ workspaceId: t.ws.id, ids: [first!.id], state: 'to_handle' });
    const [reopened] = (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' })).entries;
    expect(reopened).toMatchObject({ firstReplyAt: iso(arrived + 20 * 60_000), doneAt: null });
    expect(t.events.some((e) => e.event === 'inbox.changed')).toBe(true);
    expect(notifications.type).toBe('notifications');
  });
});

describe('saved replies, people, the audit log and charter files through the commands', () => {
  it('keeps saved replies per workspace, notes on a person with their history, and exports the audit log as CSV', async () => {
    const t = await inboxHarness();
    const saved = await t.h['reply.save']({ id: '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3', workspaceId: t.ws.id, name: 'Merci', language: 'fr', text: 'Merci {name} pour votre message !' });
    await t.h['reply.save']({ id: '1b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3', workspaceId: t.ws.id, name: 'Thanks', language: 'en', text: 'Thanks {name}!' });
    expect((await t.h['reply.list']({ workspaceId: t.ws.id })).map((r) => [r.name, r.position])).toEqual([['Merci', 0], ['Thanks', 1]]);
    await t.h['reply.save']({ ...saved, text: 'Merci beaucoup {name} !' });
    expect((await t.h['reply.list']({ workspaceId: t.ws.id }))[0]).toMatchObject({ text: 'Merci beaucoup {name} !', position: 0 });
    await t.h['reply.delete']({ id: saved.id });
    expect(() => t.h['reply.delete']({ id: saved.id })).toThrow(expect.objectContaining({ code: 'saved_reply_not_found' }));

    await t.column('notifications', [notification('mention', 1, { text: '=HYPERLINK("http://evil.example")' }), notification('reply', 51, { text: 'Encore moi' })]);
    const entries = (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' })).entries;
    const person = entries[0]!.actor; // author1 wrote both (50 authors in the fixtures)
    expect(await t.h['person.history']({ workspaceId: t.ws.id, actorId: person.id })).toMatchObject({ exchanges: 2, note: '' });
    expect(await t.h['person.setNote']({ workspaceId: t.ws.id, actorId: person.id, note: 'Habitante du port, toujours courtoise' })).toMatchObject({ exchanges: 2, note: 'Habitante du port, toujours courtoise' });

    await t.h['inbox.setState']({ workspaceId: t.ws.id, ids: entries.map((e) => e.id), state: 'done' });
    const csv = await t.h['audit.exportCsv']({ workspaceId: t.ws.id });
    expect(csv.fileName).toBe('journal-port-lumiere.csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('at,account,action,source,outcome,item,author,message');
    expect(lines.slice(1).every((l) => l.includes(',bluesky:mairie.test,inbox.done,by_hand,done,at://'))).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it('refuses a charter whose regular expression could hang, and a charter file with the line of the faulty rule', async () => {
    const t = await inboxHarness();
    const bad: Charter = { ...charter, rules: [...charter.rules, { id: 'x', name: 'Piège', severity: 'info', action: 'flag', automatic: false, enabled: true, match: { kind: 'regex', pattern: '(\\w+\\s?)+$', caseInsensitive: true } }] };
    expect(() => t.h['charter.save']({ workspaceId: t.ws.id, charter: bad })).toThrow(expect.objectContaining({ code: 'charter_rule_refused', params: expect.objectContaining({ rule: 'Piège', reason: 'regex_nested_quantifier' }) }));
    expect((await t.h['charter.get']({ workspaceId: t.ws.id })).rules).toEqual([]);
    const text = JSON.stringify(bad, null, 2);
    const line = text.split('\n').findIndex((l, i, all) => l.trim() === '{' && all[i + 1]!.includes('"id": "x"')) + 1;
    expect(() => t.h['charter.import']({ workspaceId: t.ws.id, text })).toThrow(expect.objectContaining({ code: 'charter_file_invalid', params: { line, reason: 'regex_nested_quantifier' } }));
    await t.h['charter.save']({ workspaceId: t.ws.id, charter });
    const file = await t.h['charter.export']({ workspaceId: t.ws.id });
    expect(file.fileName).toBe('charte-port-lumiere.tribune-charter.json');
    expect(await t.h['charter.import']({ workspaceId: t.ws.id, text: file.text })).toEqual(charter);
  });
});

describe('the charter on the brand\'s own drafts (composer lint)', () => {
  it('answers the flags of the text rules on a draft, never spam-wave or account rules, and nothing without a charter', async () => {
    const t = await inboxHarness();
    expect(await t.h['charter.lint']({ workspaceId: t.ws.id, text: 'Quelle arnaque' })).toEqual({ flags: [], places: [] });
    await t.h['charter.save']({
      workspaceId: t.ws.id,
      charter: {
        ...charter,
        rules: [
          ...charter.rules,
          { id: 'links', name: 'Liens douteux', severity: 'critical', action: 'flag', automatic: false, enabled: true, match: { kind: 'link_domains', domains: ['spam.example'] } },
          { id: 'wave', name: 'Vague', severity: 'warning', action: 'flag', automatic: false, enabled: true, match: { kind: 'spam_wave', minAuthors: 2, windowMinutes: 60 } },
          { id: 'young', name: 'Compte récent', severity: 'info', action: 'flag', automatic: false, enabled: true, match: { kind: 'new_account', maxAgeDays: 7, emptyProfile: true } },
          { id: 'caps', name: 'Majuscules', severity: 'info', action: 'flag', automatic: false, enabled: false, match: { kind: 'all_caps', minLetters: 5, ratio: 0.9 } },
        ],
      },
    });
    const lint = await t.h['charter.lint']({ workspaceId: t.ws.id, text: "QUELLE ARNAQUE, l'arnaque ! Appelez le 06 12 34 56 78 ou voyez https://www.spam.example/x" });
    expect(lint.flags).toEqual([
      { ruleId: 'insults', ruleName: 'Insultes', severity: 'warning', action: 'hide', matched: 'arnaque' },
      { ruleId: 'phone', ruleName: 'Numéro de téléphone', severity: 'info', action: 'flag', matched: '06 12 34 56 78' },
      { ruleId: 'links', ruleName: 'Liens douteux', severity: 'critical', action: 'flag', matched: 'www.spam.example' },
    ]);
    expect(await t.h['charter.lint']({ workspaceId: t.ws.id, text: 'Belle journée au port' })).toEqual({ flags: [], places: [] });
    expect(() => t.h['charter.lint']({ workspaceId: 'missing', text: 'arnaque' })).toThrow(expect.objectContaining({ code: 'workspace_not_found' }));
  });

  it('lints every part of a thread and every adapted version, and says which one matched', async () => {
    const t = await inboxHarness();
    await t.h['charter.save']({ workspaceId: t.ws.id, charter });
    const alice = '0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3';
    const lint = await t.h['charter.lint']({
      workspaceId: t.ws.id,
      text: '',
      places: [
        { accountId: null, part: 0, text: 'Le marché ouvre dimanche.' },
        { accountId: null, part: 1, text: 'Pas d’arnaque : appelez le 06 12 34 56 78' },
        { accountId: alice, part: null, text: 'Une version sans souci' },
        { accountId: t.account.id, part: 0, text: 'Partie 1' },
        { accountId: t.account.id, part: 1, text: 'Quelle ARNAQUE, l’arnaque' },
      ],
    });
    const insults = { ruleId: 'insults', ruleName: 'Insultes', severity: 'warning', action: 'hide', matched: 'arnaque' };
    const phone = { ruleId: 'phone', ruleName: 'Numéro de téléphone', severity: 'info', action: 'flag', matched: '06 12 34 56 78' };
    // One flag per rule for the draft; each place that matched, once per rule, in the draft's order.
    expect(lint.flags).toEqual([insults, phone]);
    expect(lint.places).toEqual([
      { accountId: null, part: 1, flags: [insults, phone] },
      { accountId: t.account.id, part: 1, flags: [insults] },
    ]);
    // The main text alone is the whole main version.
    expect((await t.h['charter.lint']({ workspaceId: t.ws.id, text: 'Une arnaque', places: [{ accountId: alice, part: null, text: 'Une arnaque aussi' }] })).places).toEqual([
      { accountId: null, part: null, flags: [insults] },
      { accountId: alice, part: null, flags: [insults] },
    ]);
  });
});
