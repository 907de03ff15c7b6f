/**
 * The OS keychain seen through a port, so the vault can be tested with an in-memory
 * double and so a machine without a Secret Service degrades to a clear message.
 */

export interface KeychainPort {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The service name under which every Tribune entry is filed in the OS keychain. */
export const KEYCHAIN_SERVICE = 'Tribune';

/** A Secret Service that hangs (no prompter, stuck daemon) must not freeze the app's start. */
const KEYCHAIN_TIMEOUT_MS = 15_000;

export const NO_KEYCHAIN_PROBLEM =
  'No system keychain was found (Secret Service is not running). Choose a passphrase to protect your account tokens.';

type Keytar = KeychainPort;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The system keychain did not answer (${what}) within ${KEYCHAIN_TIMEOUT_MS / 1000} s.`)), KEYCHAIN_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Wraps keytar so every call is bounded in time. */
function portFor(keytar: Keytar): KeychainPort {
  return {
    getPassword: (service, account) => withTimeout(keytar.getPassword(service, account), 'read'),
    setPassword: (service, account, password) => withTimeout(keytar.setPassword(service, account, password), 'write'),
    deletePassword: (service, account) => withTimeout(keytar.deletePassword(service, account), 'delete'),
  };
}

/** Turns keytar's low-level failures into a sentence a person can act on. */
export function describeKeychainFailure(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|ServiceUnknown|org\.freedesktop\.secrets|Secret Service/i.test(detail)) {
    return NO_KEYCHAIN_PROBLEM;
  }
  if (/Cannot find module|was compiled against|NODE_MODULE_VERSION|libsecret/i.test(detail)) {
    return `The system keychain could not be loaded (${detail}). Choose a passphrase to protect your account tokens.`;
  }
  return `The system keychain cannot be used (${detail}). Choose a passphrase to protect your account tokens.`;
}

/** Loads keytar lazily (dynamic import) and probes it (a harmless read); never throws. */
export async function loadSystemKeychain(): Promise<{ keychain: KeychainPort; problem: null } | { keychain: null; problem: string }> {
  try {
    const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
    // keytar is CommonJS: depending on the loader its functions sit on the module or on `default`.
    // (Node's ESM loader may detect only some named exports, so check every function we use.)
    const complete = (k: Partial<Keytar> | undefined): k is Keytar =>
      !!k && typeof k.getPassword === 'function' && typeof k.setPassword === 'function' && typeof k.deletePassword === 'function';
    const keytar: Keytar | undefined = complete(loaded.default) ? loaded.default : complete(loaded) ? loaded : undefined;
    if (!keytar) return { keychain: null, problem: describeKeychainFailure(new Error('the keytar module is incomplete')) };
    const keychain = portFor(keytar);
    // Without a session bus keytar only fails on first use: read a name nobody stores.
    await keychain.getPassword(KEYCHAIN_SERVICE, 'probe');
    return { keychain, problem: null };
  } catch (error) {
    return { keychain: null, problem: describeKeychainFailure(error) };
  }
}
