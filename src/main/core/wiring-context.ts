/** What the core's wiring (wiring*.ts) receives from openCore: the open store and vault, the log, the events. */
import type { EventName } from '../../shared/contract';
import type { Clock } from './clock';
import type { Logger } from './log';
import type { Db } from './store/database';
import type { CoreEventListener, CoreOptions } from './types';
import type { Vault } from './vault/vault';

export interface WiringContext {
  options: CoreOptions;
  db: Db;
  clock: Clock;
  vault: Vault;
  log: Logger;
  /** Sends an event to every listener (the hosts, and the core's own below). */
  emit: (event: EventName, payload: unknown) => void;
  /** A listener of the core's own events, kept until the core closes. */
  on: (listener: CoreEventListener) => void;
  /** Sentences app.info shows once (a database upgraded…). */
  notices: string[];
}
