/**
 * Request parsing the way Mastodon (Rails/Rack) sees it: JSON, x-www-form-urlencoded and
 * multipart bodies, and Rails-style nested keys (`a[]=1&a[]=2`, `poll[options][]=x`,
 * `poll[expires_in]=300`). As in Rack, an indexed key (`a[0]=x`) makes a hash `{ "0": "x" }`,
 * not an array: Mastodon's strong parameters drop it, so the schema check reports it.
 */
import type { IncomingMessage } from 'node:http';
import { FILE_MARKER, type ParsedBody } from './spec';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Container = Record<string, unknown> | unknown[];

export function railsParams(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of entries) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    const parts = m ? [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)] : [rawKey];
    if (parts.some((p) => FORBIDDEN_KEYS.has(p))) continue;
    let cur: Container = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      const wantArray = parts[i + 1] === '';
      if (Array.isArray(cur)) {
        // `a[][b]=…`: an array of hashes; start a new hash when the key is already taken.
        if (last) {
          cur.push(value);
          break;
        }
        let tail = cur[cur.length - 1] as Record<string, unknown> | undefined;
        if (!tail || typeof tail !== 'object' || Array.isArray(tail) || parts[i + 1]! in tail) {
          tail = {};
          cur.push(tail);
        }
        cur = tail;
        continue;
      }
      if (last) {
        cur[part] = value;
        break;
      }
      const existing = cur[part];
      if (wantArray ? !Array.isArray(existing) : !existing || typeof existing !== 'object' || Array.isArray(existing)) {
        cur[part] = wantArray ? [] : {};
      }
      cur = cur[part] as Container;
    }
  }
  return root;
}

export function parseQuery(search: URLSearchParams): Record<string, unknown> {
  return railsParams(search.entries());
}

export async function readBody(req: IncomingMessage, limit = 120 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function parseBody(contentTypeHeader: string | undefined, raw: Buffer): Promise<ParsedBody> {
  if (raw.length === 0) return { kind: 'none' };
  const contentType = (contentTypeHeader ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch {
      return { kind: 'invalid', contentType, problem: 'malformed JSON' };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return { kind: 'invalid', contentType, problem: 'a JSON body must be an object' };
    }
    return { kind: 'json', contentType, value: value as Record<string, unknown> };
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    return { kind: 'form', contentType, value: railsParams(new URLSearchParams(raw.toString('utf8')).entries()) };
  }
  if (contentType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Request('http://127.0.0.1/', {
        method: 'POST',
        headers: { 'content-type': contentTypeHeader! },
        body: new Uint8Array(raw),
      }).formData();
    } catch (error) {
      return { kind: 'invalid', contentType, problem: `malformed multipart body (${(error as Error).message})` };
    }
    const files = new Map<string, File>();
    const entries: [string, unknown][] = [];
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') entries.push([key, value]);
      else {
        files.set(key, value);
        entries.push([key, `${FILE_MARKER}${key}`]);
      }
    }
    return { kind: 'multipart', contentType, value: railsParams(entries), files };
  }
  return { kind: 'invalid', contentType, problem: `unsupported content type "${contentTypeHeader ?? ''}"` };
}
