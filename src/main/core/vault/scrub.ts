/** Secrets shorter than this are not scrubbed: replacing "ab" everywhere would garble messages while hiding nothing worth hiding. */
const MIN_SECRET_LENGTH = 4;
const MASK = '[secret]';

/** The forms a secret commonly takes when it ends up in a URL, a header or a JSON body. */
function encodedForms(secret: string): string[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const forms = [
    secret,
    utf8.toString('base64'),
    utf8.toString('base64').replace(/=+$/, ''),
    utf8.toString('base64url'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
  return forms.filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/**
 * Remembers every secret the vault has handled and masks them in text that may leave the
 * core (error messages, logs), so a token cannot escape through an exception.
 */
export class SecretScrubber {
  private readonly patterns = new Set<string>();
  private sorted: string[] = [];

  /** Adds a secret (and its encoded forms) to the set masked by scrub(). */
  remember(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) return;
    let added = false;
    for (const form of encodedForms(secret)) {
      if (!this.patterns.has(form)) {
        this.patterns.add(form);
        added = true;
      }
    }
    // Longest first, so a secret's base64 form is masked whole before a shorter form could cut into it.
    if (added) this.sorted = [...this.patterns].sort((a, b) => b.length - a.length);
  }

  /** Returns the text with every remembered secret replaced by "[secret]". */
  scrub(text: string): string {
    let out = text;
    for (const pattern of this.sorted) {
      if (out.includes(pattern)) out = out.split(pattern).join(MASK);
    }
    return out;
  }
}
