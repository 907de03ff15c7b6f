/** Files the person saves (a Blob behind an <a download>, no navigation) and the base64 they travel as. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

/** Saves a Blob as a file: an <a download> clicked, no navigation. */
function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file the core produced (calendar, bundle), given as base64. */
export function downloadFile(fileName: string, mime: string, base64: string): void {
  saveBlob(fileName, new Blob([base64ToBytes(base64)], { type: mime }));
}

/** A text file (charter, audit CSV). */
export function downloadText(fileName: string, mime: string, text: string): void {
  saveBlob(fileName, new Blob([text], { type: mime }));
}
