/**
 * Units both networks count in: grapheme clusters (what a person sees as one character) and UTF-8 bytes.
 * Intl.Segmenter and TextEncoder exist in Node 22+ and Chromium, so this runs in the core and the renderer alike.
 */

// A fixed locale: grapheme rules do not depend on it, and the same text must split the same way everywhere.
const graphemeSegmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
const encoder = new TextEncoder();

/** Number of grapheme clusters ("👩‍👩‍👧‍👦" is 1, "e\u0301" is 1, "日本語" is 3). */
export function graphemeCount(text: string): number {
  // Printable ASCII, tab and line feed are one grapheme each (no \r: "\r\n" is one).
  if (!/[^\x20-\x7E\t\n]/.test(text)) return text.length;
  let count = 0;
  for (const _ of graphemeSegmenter.segment(text)) count++;
  return count;
}

/** The grapheme clusters of a text, in order; joining them gives the text back. */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

/** Length of the text once encoded as UTF-8 (what the AT Protocol's maxLength measures). */
export function utf8ByteLength(text: string): number {
  return encoder.encode(text).byteLength;
}
