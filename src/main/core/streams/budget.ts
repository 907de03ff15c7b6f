/**
 * One request budget per account, shared by all its columns: a sliding five-minute window
 * kept well under the network's documented limit (Mastodon: 300 requests per 5 minutes per
 * account; Bluesky's PDS: 3,000 per 5 minutes per IP, shared by every account on this computer).
 * A 429, a Retry-After or an exhausted rate-limit header closes the budget until the server's time.
 */
import type { Network } from '../../../shared/domain';
import type { ResponseInfo } from '../connectors/reader';

export const WINDOW_MS = 5 * 60_000;
/** Requests per account per window the board allows itself: at most half the network's limit. */
export const BUDGET_PER_WINDOW: Record<Network, number> = { mastodon: 120, bluesky: 300 };
/** Part of the budget kept for what the person does (actions, threads, a manual refresh). */
export const RESERVED_FOR_PEOPLE = 0.25;

export class RequestBudget {
  private readonly sent: number[] = [];
  private closedUntil = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {}

  private prune(): void {
    const from = this.now() - WINDOW_MS;
    while (this.sent.length > 0 && this.sent[0]! <= from) this.sent.shift();
  }

  used(): number {
    this.prune();
    return this.sent.length;
  }

  /** When background polling may spend `n` requests (now, or later); people's requests may use the reserve. */
  availableAt(n: number, forPerson = false): number {
    this.prune();
    const now = this.now();
    const cap = forPerson ? this.limit : Math.floor(this.limit * (1 - RESERVED_FOR_PEOPLE));
    let at = Math.max(now, this.closedUntil);
    const over = this.sent.length + n - cap;
    if (over > 0) at = Math.max(at, this.sent[Math.min(over - 1, this.sent.length - 1)]! + WINDOW_MS);
    return at;
  }

  /** The server closed the door until `until` (429, Retry-After, a rate-limit reset with nothing left). */
  closedUntilAt(): number {
    return this.closedUntil > this.now() ? this.closedUntil : 0;
  }

  /** The server said to wait (a 429 seen by the engine): nothing goes before `until`. */
  closeUntil(until: number): void {
    this.closedUntil = Math.max(this.closedUntil, until);
  }

  record(info: ResponseInfo): void {
    this.sent.push(this.now());
    if (info.status === 429 || info.remaining === 0) {
      this.closedUntil = Math.max(this.closedUntil, info.resetAt ?? this.now() + 60_000);
    }
  }
}

export class Budgets {
  private readonly byAccount = new Map<string, RequestBudget>();

  constructor(private readonly now: () => number) {}

  for(accountId: string, network: Network): RequestBudget {
    let budget = this.byAccount.get(accountId);
    if (!budget) {
      budget = new RequestBudget(BUDGET_PER_WINDOW[network], this.now);
      this.byAccount.set(accountId, budget);
    }
    return budget;
  }
}
