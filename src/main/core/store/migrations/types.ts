export interface Migration {
  /** Strictly increasing from 1 with no gap; never edit a migration once released. */
  version: number;
  name: string;
  up: string;
}
