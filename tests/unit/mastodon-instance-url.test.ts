import { describe, expect, it } from 'vitest';
import { InstanceUrlError, normalizeInstanceUrl } from '../../src/main/core/connectors/mastodon/instance-url';

describe('normalizeInstanceUrl', () => {
  it.each([
    ['mastodon.social', 'https://mastodon.social'],
    ['  mastodon.social  ', 'https://mastodon.social'],
    ['https://Mastodon.Social/', 'https://mastodon.social'],
    ['HTTPS://MASTODON.SOCIAL', 'https://mastodon.social'],
    ['@me@mastodon.social', 'https://mastodon.social'],
    ['me@mastodon.social', 'https://mastodon.social'],
    ['@me@Mastodon.Social', 'https://mastodon.social'],
    ['https://mastodon.social/@gargron', 'https://mastodon.social'],
    ['https://mastodon.social/about?x=1#top', 'https://mastodon.social'],
    ['mastodon.social.', 'https://mastodon.social'],
    ['https://social.example.org:8443/', 'https://social.example.org:8443'],
    ['https://mastodon.social:443', 'https://mastodon.social'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://LOCALHOST:3000', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['localhost:3000', 'https://localhost:3000'],
    ['https://10.0.0.5', 'https://10.0.0.5'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeInstanceUrl(input)).toBe(expected);
  });

  it.each([
    ['', /Type the address/],
    ['   ', /Type the address/],
    ['http://mastodon.social', /only connects to Mastodon servers over https.*https:\/\/mastodon\.social/],
    ['http://192.168.1.10:3000', /over https/],
    ['ftp://mastodon.social', /over https, not ftp/],
    ['javascript:alert(1)', /not a server address/],
    ['mailto:me@mastodon.social', /not a server address/],
    ['mastodon social', /contains spaces/],
    ['https://user:pass@mastodon.social', /user name or password/],
    ['mastodon', /not a complete server address/],
    ['https://-bad-.example', /not a valid server address/],
    ['https://exa_mple.org', /not a valid server address/],
    ['https://', /not a valid server address/],
    ['@me@', /not a valid server address|not a server address/],
  ])('refuses %j', (input, message) => {
    expect(() => normalizeInstanceUrl(input)).toThrow(InstanceUrlError);
    expect(() => normalizeInstanceUrl(input)).toThrow(message);
  });
});
