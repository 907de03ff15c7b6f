/**
 * The sentences the vault shows a person (English; the renderer translates by state and
 * error code). None of them ever contains a secret.
 */

export const vaultMessages = {
  keychainRefused: (detail: string) =>
    `The system keychain did not accept Tribune's key (${detail}). It may be locked. Choose a passphrase to protect your account tokens.`,
  keychainUnreachable: (detail: string | null) =>
    `Tribune keeps the key to your account tokens in the system keychain, which cannot be reached now${detail ? ` (${detail})` : ''}. Nothing was deleted: start Tribune where the keychain is available and unlocked.`,
  keyFileUnreadable: (detail: string) =>
    `The key file beside Tribune's database cannot be read (${detail}). Nothing was deleted: fix the file's permissions and restart Tribune.`,
  unknownMode: 'The token vault was set up by a newer version of Tribune. Update Tribune to use your accounts; nothing was deleted.',
  keyLost: (where: 'keychain' | 'file', reason: 'missing' | 'changed', accounts: number) => {
    const place = where === 'keychain' ? 'the system keychain' : 'the key file beside the database';
    const what = reason === 'missing' ? `was missing from ${place}` : `in ${place} was replaced by a different one`;
    const impact =
      accounts === 0
        ? 'No account was affected.'
        : `${accounts} account${accounts === 1 ? ' needs' : 's need'} to be reconnected.`;
    return `The key protecting your account tokens ${what}, so the saved tokens could not be read. A new key was created. ${impact} Your drafts and everything else are intact.`;
  },
  newKeyNotStored: (detail: string) =>
    `The key protecting your account tokens is missing or different, and a new one could not be stored (${detail}). Nothing was deleted.`,

  // AppFailure messages
  needsSetup: 'Account tokens cannot be stored yet: no system keychain was found. Choose a passphrase first.',
  locked: 'The token vault is locked: enter your passphrase to use your accounts.',
  keychainLocked: 'The token vault cannot be opened because the system keychain cannot be reached.',
  keyMismatch: 'The key protecting your account tokens is missing or different. Your accounts need to be reconnected.',
  wrongPassphrase: 'This passphrase is not the right one.',
  passphraseTooShort: 'The passphrase must have at least 8 characters.',
  alreadySetUp: 'The token vault is already set up.',
  noPassphrase: 'The token vault is not protected by a passphrase.',
  undecryptable: (id: string) =>
    `A saved account token (${id}) could not be decrypted: it was altered or encrypted with another key. Reconnect the account.`,
};
