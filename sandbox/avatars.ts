/** Small PNG avatars drawn on the spot: coloured initials over a wave (no image files shipped). */
import sharp from 'sharp';

const SIZE = 256;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Gwenaël Le Bihan" → "GL"; "Office de Tourisme de Port-Lumière" → "PL" with `initials`. */
export function initialsOf(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && w[0] === w[0]!.toUpperCase());
  const letters = (words.length > 0 ? words : [name]).map((w) => w[0]!.toUpperCase());
  return letters.length > 1 ? letters[0]! + letters[letters.length - 1]! : (letters[0] ?? '?');
}

/** A 256×256 PNG. */
export async function avatarPng(initials: string, colors: readonly [string, string]): Promise<Buffer> {
  const [background, foreground] = colors;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <rect width="${SIZE}" height="${SIZE}" fill="${background}"/>
  <path d="M0 196 C 48 176, 80 216, 128 196 S 208 176, 256 196 L 256 256 L 0 256 Z" fill="${foreground}" fill-opacity="0.22"/>
  <text x="50%" y="54%" text-anchor="middle" dominant-baseline="middle" font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
        font-size="${initials.length > 2 ? 84 : 108}" font-weight="bold" fill="${foreground}">${escapeXml(initials)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}
