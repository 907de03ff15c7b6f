/**
 * Response-time figures on a hand-computed fixture (median, 90th percentile, per account and
 * per day of the workspace's zone, done-without-reply apart, business hours), and the charter
 * file: a round trip, and files refused whole with the line to look at.
 */
import { describe, expect, it } from 'vitest';
import { charterFileText, parseCharterFile } from '../../src/shared/charter/file';
import type { Charter } from '../../src/shared/charter/schema';
import { businessMinutes, responseTimes, type ResponseRow } from '../../src/shared/inbox/response-times';

const at = (iso: string) => Date.parse(iso);
const row = (accountId: string, arrived: string, reply: string | null, doneWithoutReply = false): ResponseRow => ({ accountId, arrivedAt: at(arrived), firstReplyAt: reply ? at(reply) : null, doneWithoutReply });

// Tuesday 1 December 2026, Europe/Paris is UTC+1.
const rows: ResponseRow[] = [
  row('A', '2026-12-01T08:00:00Z', '2026-12-01T08:10:00Z'), // 10 min
  row('A', '2026-12-01T09:00:00Z', '2026-12-01T09:30:00Z'), // 30 min
  row('B', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z'), // 60 min
  row('B', '2026-12-01T12:00:00Z', '2026-12-01T14:00:00Z'), // 120 min
  row('A', '2026-12-01T23:30:00Z', '2026-12-02T03:30:00Z'), // 240 min, arrived 2 December 00:30 in Paris
  row('B', '2026-12-01T13:00:00Z', null, true), // done without a reply: counted apart
  row('A', '2026-12-01T14:00:00Z', null), // still to handle: in no figure
];

describe('response times', () => {
  it('gives the median and the 90th percentile per workspace, account and day, done-without-reply apart', () => {
    const figures = responseTimes(rows, 'Europe/Paris', null);
    expect(figures.workspace).toEqual({ answered: 5, doneWithoutReply: 1, medianMinutes: 60, p90Minutes: 240 });
    expect(figures.byAccount).toEqual([
      { accountId: 'A', answered: 3, doneWithoutReply: 0, medianMinutes: 30, p90Minutes: 240 },
      { accountId: 'B', answered: 2, doneWithoutReply: 1, medianMinutes: 90, p90Minutes: 120 },
    ]);
    expect(figures.byDay).toEqual([
      { day: '2026-12-01', answered: 4, doneWithoutReply: 1, medianMinutes: 45, p90Minutes: 120 },
      { day: '2026-12-02', answered: 1, doneWithoutReply: 0, medianMinutes: 240, p90Minutes: 240 },
    ]);
    expect(figures.businessHours).toBe(false);
    expect(responseTimes([], 'Europe/Paris', null).workspace).toEqual({ answered: 0, doneWithoutReply: 0, medianMinutes: null, p90Minutes: null });
  });

  it('counts only business hours when the workspace has them: Friday 17:30 answered Monday 9:30 took an hour', () => {
    const hours = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 18 * 60 };
    expect(businessMinutes(at('2026-12-04T16:30:00Z'), at('2026-12-07T08:30:00Z'), 'Europe/Paris', hours)).toBe(60);
    // Arrived at night, answered before opening: no business minute passed.
    expect(businessMinutes(at('2026-12-01T23:30:00Z'), at('2026-12-02T03:30:00Z'), 'Europe/Paris', hours)).toBe(0);
    const figures = responseTimes([row('A', '2026-12-04T16:30:00Z', '2026-12-07T08:30:00Z'), row('A', '2026-12-01T08:00:00Z', '2026-12-01T08:10:00Z')], 'Europe/Paris', hours);
    expect(figures.workspace).toEqual({ answered: 2, doneWithoutReply: 0, medianMinutes: 35, p90Minutes: 60 });
    expect(figures.businessHours).toBe(true);
  });
});

const charter: Charter = {
  format: 'tribune-charter',
  version: 1,
  rules: [
    { id: 'a', name: 'Insultes', severity: 'warning', action: 'hide', automatic: false, enabled: true, match: { kind: 'words', terms: ['débile'] } },
    { id: 'b', name: 'Liens', severity: 'info', action: 'flag', automatic: false, enabled: true, match: { kind: 'link_domains', domains: ['spam.example'] } },
  ],
};

describe('the charter file', () => {
  it('reads back what it wrote', () => {
    expect(parseCharterFile(charterFileText(charter))).toEqual({ ok: true, charter });
  });

  it('refuses a file that does not parse, whole, with its line', () => {
    const text = charterFileText(charter).replace('"severity": "info",', '"severity": "info"');
    const lines = text.split('\n');
    const broken = lines.findIndex((l) => l.includes('"severity": "info"')) + 2; // the error shows on the next property
    expect(parseCharterFile(text)).toEqual({ ok: false, line: broken, reason: 'not_json' });
  });

  it('refuses a rule outside the schema with the line where that rule starts', () => {
    const text = charterFileText(charter).replace('"link_domains"', '"astrology"');
    const second = text.split('\n').findIndex((l, i, all) => l.trim() === '{' && all[i + 1]!.includes('"id": "b"')) + 1;
    expect(parseCharterFile(text)).toMatchObject({ ok: false, line: second });
    expect(parseCharterFile('{"format": "something else"}')).toEqual({ ok: false, line: 1, reason: 'not_a_charter' });
  });
});
