import { describe, expect, it } from 'vitest';
import { reportNetworkChanges } from '../../src/renderer/lib/networkReports';

describe('the page reports the network to the core', () => {
  it('sends online and offline as the page sees them, until stopped', () => {
    const page = new EventTarget();
    const reports: boolean[] = [];
    const stop = reportNetworkChanges(page, (online) => reports.push(online));
    page.dispatchEvent(new Event('offline'));
    page.dispatchEvent(new Event('online'));
    expect(reports).toEqual([false, true]);
    stop();
    page.dispatchEvent(new Event('online'));
    expect(reports).toEqual([false, true]);
  });
});
