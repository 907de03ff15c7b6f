import type { KeychainPort } from './keychain';

/**
 * An in-memory keychain for tests and the headless web host: same contract as the OS
 * keychain, plus switches to simulate a keychain that refuses writes or cannot be reached.
 */
export class MemoryKeychain implements KeychainPort {
  readonly entries = new Map<string, string>();
  /** Every call fails, as keytar does without a session bus. */
  unreachable = false;
  /** Reads work but writes fail, as with a locked collection. */
  refuseWrites = false;

  private static slot(service: string, account: string): string {
    return `${service}\u0000${account}`;
  }

  private check(): void {
    if (this.unreachable) throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  }

  async getPassword(service: string, account: string): Promise<string | null> {
    this.check();
    return this.entries.get(MemoryKeychain.slot(service, account)) ?? null;
  }

  async setPassword(service: string, account: string, password: string): Promise<void> {
    this.check();
    if (this.refuseWrites) throw new Error('Cannot create an item in a locked collection');
    this.entries.set(MemoryKeychain.slot(service, account), password);
  }

  async deletePassword(service: string, account: string): Promise<boolean> {
    this.check();
    return this.entries.delete(MemoryKeychain.slot(service, account));
  }
}
