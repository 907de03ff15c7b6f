import { describe, expect, it } from 'vitest';
import { MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from 'masto';
import { fromMastoError, httpFailure, serverMessage, transportFailure } from '../../src/main/core/connectors/mastodon/http';
import { PublishError } from '../../src/main/core/connectors/types';

const BASE = 'https://social.example';

describe('Mastodon error messages', () => {
  it('takes the server’s own words: Mastodon sentences, Doorkeeper descriptions', () => {
    expect(serverMessage({ error: 'Validation failed: Text can’t be blank' })).toBe('Validation failed: Text can’t be blank');
    expect(serverMessage({ error: 'invalid_grant', error_description: 'The provided authorization grant is invalid.' })).toBe(
      'The provided authorization grant is invalid.',
    );
    expect(serverMessage({ error: 'invalid_grant' })).toBe('invalid_grant');
    expect(serverMessage({ nothing: true })).toBeNull();
    // A bare code with details, a message or a description: the words, not the code.
    expect(serverMessage({ error: 'invalid_request', details: { status: [{ error: 'ERR_BLANK', description: 'can’t be blank' }], language: ['is not supported'] } })).toBe(
      'status: can’t be blank; language: is not supported',
    );
    expect(serverMessage({ error: 'invalid_request', message: 'Poll options must be unique' })).toBe('Poll options must be unique');
    expect(serverMessage({ error: 'invalid_request', details: 'media_ids refer to another account’s media' })).toBe('media_ids refer to another account’s media');
    expect(serverMessage({ error: 'invalid_request', details: {} })).toBe('invalid_request');
    // A sentence is already the server's words (Mastodon's ValidationError repeats its details in it).
    expect(serverMessage({ error: 'Validation failed: Text can’t be blank', details: { text: [{ error: 'ERR_BLANK', description: 'can’t be blank' }] } })).toBe(
      'Validation failed: Text can’t be blank',
    );
    expect(serverMessage('text')).toBeNull();
  });

  it('maps JSON, plain-text and HTML answers, passing rate-limit headers through', () => {
    const headers = new Headers({ 'retry-after': '30', 'x-ratelimit-reset': '2026-11-23T09:05:00.000Z', 'x-ratelimit-remaining': '0' });
    expect(httpFailure(BASE, 429, 'Too Many Requests', 'application/json; charset=utf-8', '{"error":"Too many requests"}', headers)).toEqual({
      kind: 'http',
      status: 429,
      message: 'Too many requests',
      retryAfter: '30',
      rateLimitReset: '2026-11-23T09:05:00.000Z',
      rateLimitRemaining: '0',
    });
    expect(httpFailure(BASE, 404, 'Not Found', 'text/plain', 'Not Found')).toEqual({ kind: 'http', status: 404, message: 'social.example answered 404: Not Found' });
    const html = httpFailure(BASE, 502, 'Bad Gateway', 'text/html', '<html><h1>502</h1></html>');
    expect(html).toEqual({ kind: 'http', status: 502, message: 'social.example answered 502 Bad Gateway.' });
    expect(httpFailure(BASE, 500, '', 'application/json', 'not json').message).toBe('social.example answered 500.');
  });

  it('tells timeouts, cancellations and network failures apart', () => {
    expect(transportFailure(BASE, new Error('x'), true, false).kind).toBe('timeout');
    expect(transportFailure(BASE, new Error('x'), false, true)).toEqual({ kind: 'network', message: 'The request was cancelled before the server answered.' });
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(transportFailure(BASE, refused, false, false)).toEqual({ kind: 'network', message: 'Could not reach social.example (ECONNREFUSED).' });
  });

  it('maps masto.js errors (used for apps, OAuth and verify_credentials)', () => {
    let reconnects = 0;
    const response = new Response('{}', { status: 429, headers: { 'retry-after': '12' } });
    const limited = fromMastoError(BASE, new MastoHttpError({ statusCode: 429, message: 'Too many requests' }, { cause: response }));
    expect(limited.failure).toEqual({ kind: 'http', status: 429, message: 'Too many requests', retryAfter: '12' });

    const unauthorized = fromMastoError(BASE, new MastoHttpError({ statusCode: 401, message: 'The access token is invalid' }), () => (reconnects += 1));
    expect([unauthorized.reconnectNeeded, unauthorized.failure.status, reconnects]).toEqual([true, 401, 1]);

    expect(fromMastoError(BASE, new MastoTimeoutError('Request timed out')).failure.kind).toBe('timeout');
    // No DNS: this computer is offline, so the post will wait for the connection.
    expect(fromMastoError(BASE, new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })).failure).toEqual({
      kind: 'network',
      message: 'Could not reach social.example (ENOTFOUND).',
      offline: true,
    });
    // A refused connection means the network works and the server does not: no waiting forever.
    expect(fromMastoError(BASE, new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })).failure.offline).toBeUndefined();
    // masto.js cannot read plain-text or HTML answers: an answer was received, so it is not a network failure.
    const unreadable = fromMastoError(BASE, new MastoUnexpectedError('The server returned data with an unknown encoding.'));
    expect(unreadable.failure.kind).toBe('http');
    expect(unreadable.failure.message).toContain('unknown encoding');
    const html = fromMastoError(BASE, new TypeError("Cannot destructure property 'error' of 'data' as it is undefined."));
    expect(html.failure.kind).toBe('http');
    const same = new PublishError({ kind: 'network', message: 'x' });
    expect(fromMastoError(BASE, same)).toBe(same);
  });
});
