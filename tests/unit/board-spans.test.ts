import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToSpans } from '../../src/main/core/connectors/mastodon/html-spans';
import { facetsToSpans } from '../../src/main/core/connectors/bluesky/facets';
import { boundedName, safeUrl, spansText } from '../../src/main/core/connectors/safe-text';
import { Span } from '../../src/shared/board/schemas';
import { BAD_FACETS, HOSTILE_HTML, HUGE_NAME } from '../fixtures/board/hostile';

/** What makes a span safe: a known shape, http(s) addresses only, no markup left to interpret. */
function expectSafe(spans: Span[]) {
  for (const span of spans) {
    expect(Span.safeParse(span).success).toBe(true);
    if (span.type === 'link') expect(span.url).toMatch(/^https?:\/\/[^@/]+\//);
    if (span.type === 'mention' && span.url) expect(span.url).toMatch(/^https?:\/\//);
  }
  const text = spansText(spans);
  expect(text.length).toBeLessThanOrEqual(20_001);
  expect(text).not.toMatch(/[\u202a-\u202e]/);
}

describe('Mastodon HTML becomes safe spans', () => {
  it.for(HOSTILE_HTML.map((html, i) => [i, html] as const))('corpus entry %i: no script text, no javascript: link, no markup', ([, html]) => {
    const spans = htmlToSpans(html);
    expectSafe(spans);
    const text = spansText(spans);
    // Escaped markup is text a person wrote (shown as text, tested below); real elements never become text.
    if (!/&lt;|&#x3C;/i.test(html)) expect(text).not.toMatch(/alert\(1\)|<script|onerror|body\{display|msgbox/);
    expect(spans.some((s) => s.type === 'link' && /javascript|data:|vbscript/i.test(s.url))).toBe(false);
  });

  it('keeps the words, links, mentions and hashtags a person wrote', () => {
    const spans = htmlToSpans(
      '<p>Marché <b>samedi</b> !</p><p><a href="https://port-lumiere.test/@mairie" class="u-url mention">@<span>mairie</span></a> et <a href="https://port-lumiere.test/tags/PortLumiere" class="mention hashtag" rel="tag">#<span>PortLumiere</span></a><br>Infos : <a href="https://port-lumiere.test/marche" rel="nofollow"><span class="invisible">https://</span><span class="">port-lumiere.test/marche</span></a> &amp; plus</p>',
      [{ url: 'https://port-lumiere.test/@mairie', acct: 'mairie@port-lumiere.test', remoteId: 'https://port-lumiere.test/users/mairie' }],
    );
    expect(spans).toEqual([
      { type: 'text', text: 'Marché samedi !' },
      { type: 'break' },
      { type: 'mention', text: '@mairie', handle: 'mairie@port-lumiere.test', remoteId: 'https://port-lumiere.test/users/mairie', url: 'https://port-lumiere.test/@mairie' },
      { type: 'text', text: ' et ' },
      { type: 'tag', text: '#PortLumiere', tag: 'PortLumiere' },
      { type: 'break' },
      { type: 'text', text: 'Infos : ' },
      { type: 'link', text: 'https://port-lumiere.test/marche', url: 'https://port-lumiere.test/marche' },
      { type: 'text', text: ' & plus' },
    ]);
  });

  it('shows escaped markup as text, decoded once', () => {
    expect(spansText(htmlToSpans('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;</p>'))).toBe('<script>alert(1)</script> &lt;');
    expect(decodeEntities('&#0; &#xD800; &#x1F30A; &bogus;')).toBe('  🌊 &bogus;');
  });

  it('survives non-strings and huge inputs', () => {
    expect(htmlToSpans(undefined)).toEqual([]);
    expect(htmlToSpans({ html: '<p>x</p>' })).toEqual([]);
    expect(spansText(htmlToSpans('<p>' + 'x'.repeat(200_000) + '</p>')).length).toBeLessThanOrEqual(20_001);
  });
});

describe('Bluesky facets become safe spans', () => {
  it.for(BAD_FACETS.map(([text, facets], i) => [i, text, facets] as const))('bad facets %i keep the whole text and only safe links', ([, text, facets]) => {
    const spans = facetsToSpans(text, facets);
    expectSafe(spans);
    expect(spansText(spans)).toBe(text);
  });

  it('places links, mentions and tags at their UTF-8 byte offsets', () => {
    const text = 'Été 🌊 @mairie.test #PortLumiere https://port-lumiere.test';
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    const at = (s: string) => bytes(text.slice(0, text.indexOf(s)));
    const facet = (s: string, feature: object) => ({ index: { byteStart: at(s), byteEnd: at(s) + bytes(s) }, features: [feature] });
    const spans = facetsToSpans(text, [
      facet('https://port-lumiere.test', { $type: 'app.bsky.richtext.facet#link', uri: 'https://port-lumiere.test' }),
      facet('@mairie.test', { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:mairie' }),
      facet('#PortLumiere', { $type: 'app.bsky.richtext.facet#tag', tag: 'PortLumiere' }),
    ]);
    expect(spans).toEqual([
      { type: 'text', text: 'Été 🌊 ' },
      { type: 'mention', text: '@mairie.test', handle: 'mairie.test', remoteId: 'did:plc:mairie', url: null },
      { type: 'text', text: ' ' },
      { type: 'tag', text: '#PortLumiere', tag: 'PortLumiere' },
      { type: 'text', text: ' ' },
      { type: 'link', text: 'https://port-lumiere.test', url: 'https://port-lumiere.test/' },
    ]);
  });
});

describe('names and addresses from a network', () => {
  it('cuts a 10,000-character name and keeps it on one line', () => {
    const name = boundedName(HUGE_NAME + '\nsecond line');
    expect(name.length).toBeLessThanOrEqual(201);
    expect(name).not.toContain('\n');
  });
  it('opens only http(s) addresses without credentials', () => {
    expect(safeUrl('https://ok.example/a')).toBe('https://ok.example/a');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'https://u:p@x.example/', '//x.example', 42, null]) expect(safeUrl(bad)).toBeNull();
  });
});
