/**
 * Finding an account's PDS from its handle, as atproto.com/specs/handle and /specs/did say:
 * handle → DID (DNS TXT `_atproto.<handle>` "did=…", else HTTPS
 * `https://<handle>/.well-known/atproto-did`), then DID → DID document (did:plc from the PLC
 * directory, did:web from `https://<host>/.well-known/did.json`) → its `#atproto_pds` service.
 */
import { promises as dns } from 'node:dns';

export const DEFAULT_PLC_URL = 'https://plc.directory';

/** Where resolution reads from; the defaults are the real DNS and fetch (tests point them at 127.0.0.1). */
export interface IdentityResolverOptions {
  plcUrl?: string;
  fetch?: typeof globalThis.fetch;
  resolveTxt?: (hostname: string) => Promise<string[][]>;
  timeoutMs?: number;
}

export class IdentityError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdentityError';
  }
}

const DID_PATTERN = /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/;
const HANDLE_PATTERN = /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

export function isDid(value: string): boolean {
  return DID_PATTERN.test(value) && value.length <= 2048;
}

export function isHandle(value: string): boolean {
  return value.length <= 253 && HANDLE_PATTERN.test(value);
}

async function resolveHandleDns(handle: string, options: IdentityResolverOptions): Promise<string | null> {
  const resolveTxt = options.resolveTxt ?? ((name: string) => dns.resolveTxt(name));
  let records: string[][];
  try {
    records = await resolveTxt(`_atproto.${handle}`);
  } catch {
    return null; // no record (ENOTFOUND, ENODATA) or no DNS: the HTTPS method may still work
  }
  const dids = records
    .map((chunks) => chunks.join(''))
    .filter((text) => text.startsWith('did='))
    .map((text) => text.slice('did='.length).trim());
  // The spec: exactly one valid "did=" record, else the method fails.
  return dids.length === 1 && isDid(dids[0]!) ? dids[0]! : null;
}

async function resolveHandleHttps(handle: string, options: IdentityResolverOptions): Promise<string | null> {
  const doFetch = options.fetch ?? globalThis.fetch;
  try {
    const res = await doFetch(`https://${handle}/.well-known/atproto-did`, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'error',
    });
    if (!res.ok) {
      await res.body?.cancel();
      return null;
    }
    const text = (await res.text()).split('\n')[0]!.trim();
    return isDid(text) ? text : null;
  } catch {
    return null;
  }
}

/** The DID a handle points to, or null when neither method finds one. */
export async function resolveHandleToDid(handle: string, options: IdentityResolverOptions = {}): Promise<string | null> {
  const normalized = handle.toLowerCase();
  if (!isHandle(normalized)) return null;
  // Both methods at once; DNS wins when both answer (the spec's preference).
  const [viaDns, viaHttps] = await Promise.all([resolveHandleDns(normalized, options), resolveHandleHttps(normalized, options)]);
  return viaDns ?? viaHttps;
}

export interface DidDocument {
  id: string;
  alsoKnownAs?: string[];
  service?: { id: string; type: string; serviceEndpoint: unknown }[];
}

export async function resolveDidDocument(did: string, options: IdentityResolverOptions = {}): Promise<DidDocument> {
  if (!isDid(did)) throw new IdentityError(`not a DID: ${did}`);
  let url: string;
  if (did.startsWith('did:plc:')) {
    url = `${(options.plcUrl ?? DEFAULT_PLC_URL).replace(/\/+$/, '')}/${encodeURIComponent(did)}`;
  } else if (did.startsWith('did:web:')) {
    const host = decodeURIComponent(did.slice('did:web:'.length));
    if (host.includes(':') && !/^[^:]+:\d+$/.test(host)) throw new IdentityError(`unsupported did:web: ${did}`);
    url = `https://${host}/.well-known/did.json`;
  } else {
    throw new IdentityError(`unsupported DID method: ${did}`);
  }
  const doFetch = options.fetch ?? globalThis.fetch;
  let res: Response;
  try {
    res = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000), headers: { accept: 'application/json' } });
  } catch (err) {
    throw new IdentityError(`could not reach ${new URL(url).origin} to read ${did}: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new IdentityError(`${new URL(url).origin} has no DID document for ${did} (HTTP ${res.status})`);
  }
  const doc = (await res.json().catch(() => null)) as DidDocument | null;
  if (!doc || typeof doc !== 'object' || doc.id !== did) throw new IdentityError(`the DID document of ${did} is not valid`);
  return doc;
}

/** The PDS URL a DID document names (service "#atproto_pds" of type AtprotoPersonalDataServer). */
export function pdsFromDidDocument(doc: DidDocument): string | null {
  const service = (doc.service ?? []).find(
    (s) => (s.id === '#atproto_pds' || s.id === `${doc.id}#atproto_pds`) && s.type === 'AtprotoPersonalDataServer',
  );
  if (!service || typeof service.serviceEndpoint !== 'string') return null;
  try {
    const url = new URL(service.serviceEndpoint);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The handle a DID document claims (its first at:// alias), lower-cased. */
export function handleFromDidDocument(doc: DidDocument): string | null {
  const alias = (doc.alsoKnownAs ?? []).find((a) => a.startsWith('at://'));
  return alias ? alias.slice('at://'.length).toLowerCase() : null;
}

/** The PDS of a handle or DID. Throws IdentityError with a sentence a person can act on. */
export async function resolvePds(identifier: string, options: IdentityResolverOptions = {}): Promise<{ did: string; pdsUrl: string }> {
  let did = identifier;
  if (!isDid(identifier)) {
    const found = await resolveHandleToDid(identifier, options);
    if (!found) {
      throw new IdentityError(
        `Could not find the Bluesky account @${identifier}: check the handle, or give the address of its server (PDS).`,
      );
    }
    did = found;
  }
  const doc = await resolveDidDocument(did, options);
  const pdsUrl = pdsFromDidDocument(doc);
  if (!pdsUrl) throw new IdentityError(`The DID document of ${did} names no Bluesky server (PDS); give its address instead.`);
  return { did, pdsUrl };
}
