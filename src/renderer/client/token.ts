/** Where the web host's access token is kept so a reload without the #token= hash still works. */
export const TOKEN_STORAGE_KEY = 'tribune.webToken';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads `#token=...` from the address, remembering it; falls back to the remembered one. */
export function resolveWebToken(hash: string, storage: KeyValueStore | null): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Storage may be unavailable (private mode); the hash still works for this page.
    }
    return fromHash;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

export function rpcUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`;
}
