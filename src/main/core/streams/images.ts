/**
 * Remote images (avatars, thumbnails) fetched by the core and kept on disk with a size cap
 * (least recently used go first), served to the renderer by the hosts under a same-origin path
 * (keys.ts REMOTE_IMAGE_PREFIX), so the renderer never contacts a network's server and images
 * show offline. Only URLs the cache registered (from items and actors) are ever fetched.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/database';
import { mayFetchImage, type Lookup } from './image-address';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
const RETRY_FAILED_MS = 60 * 60_000;
const MAX_REDIRECTS = 3;

export interface ImageCacheOptions {
  /** The sandbox and the tests, whose networks run on 127.0.0.1; never set otherwise (default: false). */
  allowPrivateAddresses?: boolean;
  lookup?: Lookup;
}

export interface CachedImage {
  file: string;
  mime: string;
}

export class ImageCache {
  private readonly inFlight = new Map<string, Promise<CachedImage | null>>();

  constructor(
    private readonly db: Db,
    private readonly dir: string,
    private readonly capBytes: () => number,
    private readonly now: () => number,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly options: ImageCacheOptions = {},
  ) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /** The image for a key (fetched now when needed), or null: unknown key, not an image, or unreachable. */
  get(key: string): Promise<CachedImage | null> {
    if (!/^[0-9a-f]{40}$/.test(key)) return Promise.resolve(null);
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.load(key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  private async load(key: string): Promise<CachedImage | null> {
    const row = this.db.prepare<[string], { url: string; mime: string | null; state: string; fetched_at: number | null }>('SELECT url, mime, state, fetched_at FROM remote_images WHERE key = ?').get(key);
    if (!row) return null;
    const file = path.join(this.dir, key);
    if (row.state === 'stored' && row.mime && fs.existsSync(file)) {
      this.db.prepare('UPDATE remote_images SET used_at = ? WHERE key = ?').run(this.now(), key);
      return { file, mime: row.mime };
    }
    if (row.state === 'failed' && row.fetched_at !== null && this.now() - row.fetched_at < RETRY_FAILED_MS) return null;
    try {
      const res = await this.fetchChecked(row.url);
      const mime = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const length = Number(res.headers.get('content-length') ?? '0');
      if (!res.ok || !TYPES.has(mime) || length > MAX_IMAGE_BYTES) throw new Error(`not an image (${res.status} ${mime})`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > MAX_IMAGE_BYTES) throw new Error('image too large');
      fs.writeFileSync(file, bytes);
      this.db.prepare("UPDATE remote_images SET state = 'stored', mime = ?, bytes = ?, fetched_at = ?, used_at = ? WHERE key = ?").run(mime, bytes.length, this.now(), this.now(), key);
      this.prune();
      return { file, mime };
    } catch {
      // Offline or refused: a stored copy (even stale) is better than nothing.
      if (row.mime && fs.existsSync(file)) return { file, mime: row.mime };
      this.db.prepare("UPDATE remote_images SET state = 'failed', fetched_at = ? WHERE key = ?").run(this.now(), key);
      return null;
    }
  }

  /** Fetches an address the guard allows, following up to three redirects, each checked again. */
  private async fetchChecked(address: string): Promise<Response> {
    let url = new URL(address);
    for (let hop = 0; ; hop++) {
      if (!(await mayFetchImage(url, { allowPrivateAddresses: this.options.allowPrivateAddresses === true, ...(this.options.lookup ? { lookup: this.options.lookup } : {}) }))) {
        throw new Error(`refused address ${url.host}`);
      }
      const res = await this.fetchImpl(url, { signal: AbortSignal.timeout(15_000), headers: { accept: 'image/*' }, redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return res;
      if (hop >= MAX_REDIRECTS) throw new Error('too many redirects');
      url = new URL(location, url);
    }
  }

  /** Removes the least recently used files until the cache fits its cap. */
  prune(): number {
    let total = this.db.prepare<[], { n: number | null }>("SELECT sum(bytes) AS n FROM remote_images WHERE state = 'stored'").get()!.n ?? 0;
    const cap = this.capBytes();
    if (total <= cap) return 0;
    let removed = 0;
    for (const r of this.db.prepare<[], { key: string; bytes: number }>("SELECT key, bytes FROM remote_images WHERE state = 'stored' ORDER BY used_at").all()) {
      if (total <= cap) break;
      fs.rmSync(path.join(this.dir, r.key), { force: true });
      this.db.prepare("UPDATE remote_images SET state = 'missing', bytes = 0 WHERE key = ?").run(r.key);
      total -= r.bytes;
      removed++;
    }
    return removed;
  }
}
