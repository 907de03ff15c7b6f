import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdsFromDidDocument, resolveHandleToDid } from '../../src/main/core/connectors/bluesky/identity';
import { createLinkCardFetcher, decodeEntities, parseLinkMetadata } from '../../src/main/core/connectors/bluesky/linkcard';
import { normalizeServiceUrl, parseSession } from '../../src/main/core/connectors/bluesky/session';

describe('link card metadata', () => {
  it('prefers Open Graph, then Twitter cards, then <title> and the description meta', () => {
    const html = `<html><head><title>Plain &amp; simple</title>
      <meta name="description" content="From the meta tag">
      <meta content='Twitter title' name='twitter:title'>
      <meta property="og:description" content="OG &quot;description&quot; &#x2014; ok">
      <meta property="og:image" content="../img/card.png?x=1&amp;y=2"></head></html>`;
    expect(parseLinkMetadata(html, 'https://example.org/blog/post')).toEqual({
      title: 'Twitter title',
      description: 'OG "description" — ok',
      imageUrl: 'https://example.org/img/card.png?x=1&y=2',
    });
    expect(parseLinkMetadata('<title>\n  Only   a title\n</title>', 'https://example.org/')).toEqual({ title: 'Only a title', description: '', imageUrl: null });
    expect(parseLinkMetadata('<meta property="og:image" content="javascript:alert(1)">', 'https://example.org/').imageUrl).toBeNull();
  });

  it('decodes the usual entities and leaves unknown ones alone', () => {
    expect(decodeEntities('a &lt;b&gt; &#39;c&#39; &#233; &unknown; &#0;')).toBe("a <b> 'c' é &unknown; &#0;");
  });
});

describe('the default link card fetcher (against 127.0.0.1)', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
        res.end(Buffer.from('<meta property="og:title" content="Caf\xe9"><meta property="og:image" content="/big.png">', 'latin1'));
      } else if (req.url === '/big.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.alloc(2048, 1));
      } else if (req.url === '/pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end('%PDF');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads the page in its charset, and drops an image over its size limit', async () => {
    const fetchCard = createLinkCardFetcher({ maxImageBytes: 1024 });
    const signal = AbortSignal.timeout(5000);
    expect(await fetchCard(`${base}/page`, signal)).toEqual({ title: 'Café', description: '' });
    expect(await createLinkCardFetcher()(`${base}/page`, signal)).toMatchObject({ title: 'Café', imageMime: 'image/png' });
    expect(await fetchCard(`${base}/pdf`, signal)).toBeNull();
    expect(await fetchCard(`${base}/missing`, signal)).toBeNull();
    expect(await fetchCard('ftp://example.org/file', signal)).toBeNull();
  });
});

describe('identity and stored sessions', () => {
  it('finds the PDS in a DID document', () => {
    const doc = {
      id: 'did:plc:abc',
      service: [
        { id: '#atproto_labeler', type: 'AtprotoLabeler', serviceEndpoint: 'https://labels.example' },
        { id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: 'https://pds.example.org/' },
      ],
    };
    expect(pdsFromDidDocument(doc)).toBe('https://pds.example.org');
    expect(pdsFromDidDocument({ id: 'did:plc:abc', service: [{ id: 'did:plc:abc#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: 'http://localhost:2583' }] })).toBe('http://localhost:2583');
    expect(pdsFromDidDocument({ id: 'did:plc:abc', service: [{ id: '#atproto_pds', type: 'Other', serviceEndpoint: 'https://x.example' }] })).toBeNull();
    expect(pdsFromDidDocument({ id: 'did:plc:abc' })).toBeNull();
  });

  it('resolves a handle through DNS first, then HTTPS, with injectable lookups', async () => {
    const dns = (name: string) => Promise.resolve(name === '_atproto.dns.example' ? [['did=did:plc:fromdns']] : []);
    const fetchDid: typeof fetch = (input) =>
      Promise.resolve(String(input) === 'https://web.example/.well-known/atproto-did' ? new Response('did:plc:fromweb\n') : new Response('no', { status: 404 }));
    expect(await resolveHandleToDid('DNS.example', { resolveTxt: dns, fetch: fetchDid })).toBe('did:plc:fromdns');
    expect(await resolveHandleToDid('web.example', { resolveTxt: dns, fetch: fetchDid })).toBe('did:plc:fromweb');
    expect(await resolveHandleToDid('nobody.example', { resolveTxt: dns, fetch: fetchDid })).toBeNull();
    expect(await resolveHandleToDid('not a handle', { resolveTxt: dns, fetch: fetchDid })).toBeNull();
  });

  it('reads back only well-formed stored sessions, and normalizes server addresses', () => {
    expect(parseSession(null)).toBeNull();
    expect(parseSession('not json')).toBeNull();
    expect(parseSession('{"v":1}')).toBeNull();
    expect(normalizeServiceUrl(' bsky.social/ ')).toBe('https://bsky.social');
    expect(normalizeServiceUrl('http://127.0.0.1:2583/xrpc')).toBe('http://127.0.0.1:2583');
    expect(() => normalizeServiceUrl('ftp://x')).toThrow();
  });
});
