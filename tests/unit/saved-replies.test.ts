/** Saved replies' rule book: variables found, filled from the reply's context, custom ones asked for, inserted at the cursor, searched per language. */
import { describe, expect, it } from 'vitest';
import type { SavedReply } from '../../src/shared/inbox/schemas';
import { contextValues, fillReply, insertAt, missingVariables, replyVariables, searchReplies } from '../../src/shared/inbox/saved-replies';

const reply = (id: string, language: 'fr' | 'en', name: string, text: string, position: number): SavedReply => ({ id, workspaceId: 'ws', name, language, text, position });

describe('saved replies', () => {
  const text = 'Merci {name} ({handle}) ! L’équipe {account} revient vers vous le {date}. {name}';

  it('lists the variables a reply uses, once each, in order of first use', () => {
    expect(replyVariables(text)).toEqual(['name', 'handle', 'account', 'date']);
    expect(replyVariables('Sans variable, ni {} ni {1x}')).toEqual([]);
  });

  it('fills {name}, {handle} and {account} from the context; an unknown or blank one stays as typed', () => {
    const values = contextValues({ authorName: 'Alice', authorHandle: 'alice.test', accountHandle: '@mairie.test' });
    expect(values).toEqual({ name: 'Alice', handle: '@alice.test', account: '@mairie.test' });
    expect(fillReply(text, values)).toBe('Merci Alice (@alice.test) ! L’équipe @mairie.test revient vers vous le {date}. Alice');
    expect(fillReply(text, { ...values, date: '  ' })).toContain('le {date}.');
    expect(fillReply(text, { ...values, date: '3 décembre' })).toContain('le 3 décembre.');
  });

  it('names a person by their handle when they have no display name, and leaves out what the context lacks', () => {
    expect(contextValues({ authorName: '', authorHandle: 'bob.test', accountHandle: null })).toEqual({ name: 'bob.test', handle: '@bob.test' });
    expect(contextValues({})).toEqual({});
  });

  it('asks for the variables the context does not fill (custom ones, or all of them without a reply context)', () => {
    expect(missingVariables(text, { name: 'Alice', handle: '@alice.test', account: '@mairie.test' })).toEqual(['date']);
    expect(missingVariables(text, {})).toEqual(['name', 'handle', 'account', 'date']);
  });

  it('inserts at the cursor, replacing the selection, and puts the caret after the insertion', () => {
    expect(insertAt('Bonjour  !', 8, 8, 'Alice')).toEqual({ value: 'Bonjour Alice !', caret: 13 });
    expect(insertAt('Bonjour XX !', 8, 10, 'Alice')).toEqual({ value: 'Bonjour Alice !', caret: 13 });
    expect(insertAt('abc', 10, 12, 'd')).toEqual({ value: 'abcd', caret: 4 });
  });

  it('searches one language by every word of the query, case and accents aside, in the workspace order', () => {
    const replies = [
      reply('3', 'fr', 'Horaires', 'Nos horaires : 9 h - 18 h', 2),
      reply('1', 'fr', 'Merci', 'Merci {name} pour votre message !', 0),
      reply('2', 'en', 'Thanks', 'Thank you {name}!', 1),
      reply('4', 'fr', 'Délai', 'Nous revenons vers vous très vite.', 3),
    ];
    expect(searchReplies(replies, 'fr', '').map((r) => r.id)).toEqual(['1', '3', '4']);
    expect(searchReplies(replies, 'fr', 'DELAI').map((r) => r.id)).toEqual(['4']);
    expect(searchReplies(replies, 'fr', 'vous tres').map((r) => r.id)).toEqual(['4']);
    expect(searchReplies(replies, 'en', 'thank').map((r) => r.id)).toEqual(['2']);
    expect(searchReplies(replies, 'en', 'merci')).toEqual([]);
  });
});
