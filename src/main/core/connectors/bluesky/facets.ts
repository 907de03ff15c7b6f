/**
 * Bluesky rich text: the text plus facets addressed in UTF-8 byte offsets. Facets from the
 * network may be out of range, reversed, overlapping, split a character, or carry unknown
 * features: those are skipped (the text stays), never thrown on.
 */
import type { Span } from '../../../../shared/board/schemas';
import { bounded, normalizeSpans, safeUrl } from '../safe-text';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

interface Feature {
  $type?: unknown;
  uri?: unknown;
  did?: unknown;
  tag?: unknown;
}

interface Facet {
  index?: { byteStart?: unknown; byteEnd?: unknown };
  features?: unknown;
}

const isContinuation = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;

/** Splits text into spans by its facets; lines become break spans. */
export function facetsToSpans(text: unknown, facets: unknown, handles: Map<string, string> = new Map()): Span[] {
  if (typeof text !== 'string') return [];
  const bytes = encoder.encode(text);
  const list = (Array.isArray(facets) ? (facets as Facet[]) : [])
    .map((f) => ({ start: Number(f?.index?.byteStart), end: Number(f?.index?.byteEnd), features: Array.isArray(f?.features) ? (f.features as Feature[]) : [] }))
    .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end > f.start && f.end <= bytes.length)
    // Offsets that split a UTF-8 character are wrong: skip rather than show half a character.
    .filter((f) => !isContinuation(bytes[f.start]) && !isContinuation(bytes[f.end]))
    .sort((a, b) => a.start - b.start || a.end - b.end);

  const spans: Span[] = [];
  const pushText = (from: number, to: number) => {
    const chunk = decoder.decode(bytes.subarray(from, to));
    chunk.split('\n').forEach((line, i) => {
      if (i > 0) spans.push({ type: 'break' });
      if (line) spans.push({ type: 'text', text: line });
    });
  };
  let at = 0;
  for (const f of list) {
    if (f.start < at) continue; // overlaps the previous facet
    const label = decoder.decode(bytes.subarray(f.start, f.end));
    const span = featureSpan(label, f.features, handles);
    if (!span) continue;
    pushText(at, f.start);
    spans.push(span);
    at = f.end;
  }
  pushText(at, bytes.length);
  return normalizeSpans(spans);
}

function featureSpan(label: string, features: Feature[], handles: Map<string, string>): Span | null {
  for (const feature of features) {
    const type = typeof feature?.$type === 'string' ? feature.$type : '';
    if (type === 'app.bsky.richtext.facet#link') {
      const url = safeUrl(feature.uri);
      return url ? { type: 'link', text: label, url } : null;
    }
    if (type === 'app.bsky.richtext.facet#mention' && typeof feature.did === 'string' && feature.did.startsWith('did:')) {
      const did = bounded(feature.did, 200);
      return { type: 'mention', text: label, handle: handles.get(did) ?? (label.startsWith('@') ? label.slice(1) : null), remoteId: did, url: null };
    }
    if (type === 'app.bsky.richtext.facet#tag' && typeof feature.tag === 'string' && feature.tag.trim()) {
      return { type: 'tag', text: label, tag: bounded(feature.tag.replace(/^#/, ''), 100) };
    }
  }
  return null;
}
