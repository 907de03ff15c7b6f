/** Where Tribune opens a Mastodon stream: the announced address (its path kept), else the API's origin; never plaintext for an https server. */
import { describe, expect, it } from 'vitest';
import { streamingEndpoints } from '../../src/main/core/connectors/mastodon/stream';

const at = (announced: string | null, api: string) => {
  const e = streamingEndpoints(announced, api);
  return [e.socket.href, e.health.href];
};

describe('the Mastodon streaming address', () => {
  it('uses the announced host, port and path, as ws(s) for the socket and http(s) for the health check', () => {
    expect(at('wss://streaming.example.social', 'https://example.social')).toEqual(['wss://streaming.example.social/api/v1/streaming', 'https://streaming.example.social/api/v1/streaming/health']);
    expect(at('https://example.social:4000/relay/', 'https://example.social')).toEqual(['wss://example.social:4000/relay/api/v1/streaming', 'https://example.social:4000/relay/api/v1/streaming/health']);
    expect(at('ws://127.0.0.1:5000/relay', 'http://127.0.0.1:4000')).toEqual(['ws://127.0.0.1:5000/relay/api/v1/streaming', 'http://127.0.0.1:5000/relay/api/v1/streaming/health']);
  });

  it("falls back to the API's origin when nothing usable is announced, or only a plaintext address for an https server", () => {
    for (const announced of [null, '', 'not an address', 'ftp://example.social', 'ws://streaming.example.social']) {
      expect(at(announced, 'https://example.social/')).toEqual(['wss://example.social/api/v1/streaming', 'https://example.social/api/v1/streaming/health']);
    }
  });
});
