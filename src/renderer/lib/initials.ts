const letters = (word: string) => Array.from(word.normalize('NFC')).filter((ch) => /[\p{L}\p{N}]/u.test(ch));
const startsCapitalOrDigit = (word: string) => /^[\p{Lu}\p{N}]/u.test(letters(word)[0] ?? '');

/**
 * Up to two letters that identify a workspace on its chip: "Café Lumière" → "CL",
 * "Mairie de Lyon" → "ML" (small linking words are skipped), "acme" → "AC".
 */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s\-_.]+/u)
    .filter((w) => letters(w).length > 0);
  const [first, ...rest] = words;
  if (!first) return '?';
  if (rest.length === 0) return letters(first).slice(0, 2).join('').toLocaleUpperCase();
  const second = (startsCapitalOrDigit(first) ? rest.find(startsCapitalOrDigit) : undefined) ?? rest[0]!;
  return (letters(first)[0]! + letters(second)[0]!).toLocaleUpperCase();
}
