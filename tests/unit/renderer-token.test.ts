import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, resolveWebToken, rpcUrl } from '../../src/renderer/client/token';

const memoryStorage = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
};

describe('web access token', () => {
  it('reads #token= from the address and remembers it for the session', () => {
    const storage = memoryStorage();
    expect(resolveWebToken('#token=s3cr3t', storage)).toBe('s3cr3t');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('s3cr3t');
  });

  it('still works after a reload without the hash', () => {
    const storage = memoryStorage();
    resolveWebToken('#token=s3cr3t', storage);
    expect(resolveWebToken('', storage)).toBe('s3cr3t');
  });

  it('prefers a new token in the address over the remembered one (host restarted)', () => {
    const storage = memoryStorage();
    resolveWebToken('#token=old', storage);
    expect(resolveWebToken('#token=new', storage)).toBe('new');
    expect(resolveWebToken('', storage)).toBe('new');
  });

  it('has no token when neither the address nor the session has one', () => {
    expect(resolveWebToken('#other=1', memoryStorage())).toBeNull();
    expect(resolveWebToken('', null)).toBeNull();
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(resolveWebToken('#token=abc', broken)).toBe('abc');
    expect(resolveWebToken('', broken)).toBeNull();
  });

  it("builds the /rpc address on the page's own host, ws or wss, with the token encoded", () => {
    expect(rpcUrl({ protocol: 'http:', host: '127.0.0.1:4781' }, 'a+b/c')).toBe('ws://127.0.0.1:4781/rpc?token=a%2Bb%2Fc');
    expect(rpcUrl({ protocol: 'https:', host: 'example.test' }, 't')).toBe('wss://example.test/rpc?token=t');
  });
});
