/**
 * Reads an iCalendar file whole, or refuses it with a typed code and the line. Tribune's own
 * events come back as the posts they were (X-TRIBUNE-*); events from other calendars (Google,
 * Outlook, Thunderbird) become ideas with a date. Zones: the file's own VTIMEZONEs (through
 * ical.js), else IANA names, UTC, floating times in the workspace's zone. Pure.
 */
import ICAL from 'ical.js';
import { z } from 'zod';
import { isValidTimeZone, wallClockToInstant } from '../schedule/zoned-time';
import { CalendarFileError, splitTextList, tokenize, unescapeText, type ContentLine } from './ics-text';
import { PostSnapshot, SnapshotCampaign, SnapshotComment, SnapshotLabel, SnapshotMedia, SnapshotTarget } from './snapshot';
import { DraftContent } from '../publishing';

export interface ParsedEvent {
  line: number;
  snapshot: PostSnapshot;
  /** The event came from Tribune (X-TRIBUNE-ID), not from another calendar. */
  tribune: boolean;
}

export interface ParsedCalendar {
  format: 'tribune_ics' | 'foreign_ics';
  workspaceId: string | null;
  range: { from: number; to: number } | null;
  events: ParsedEvent[];
}

interface Comp {
  name: string;
  line: number;
  props: ContentLine[];
  children: Comp[];
  /** Properties by name, built on first look-up. */
  byName?: Map<string, ContentLine[]>;
}

function tree(lines: ContentLine[]): Comp {
  const root: Comp = { name: 'ROOT', line: 0, props: [], children: [] };
  const stack = [root];
  for (const l of lines) {
    if (l.name === 'BEGIN') {
      const c: Comp = { name: l.value.toUpperCase(), line: l.line, props: [], children: [] };
      stack[stack.length - 1]!.children.push(c);
      stack.push(c);
    } else if (l.name === 'END') stack.pop();
    else stack[stack.length - 1]!.props.push(l);
  }
  return root.children[0]!;
}

const NONE: readonly ContentLine[] = [];
function props(c: Comp, name: string): readonly ContentLine[] {
  if (!c.byName) {
    c.byName = new Map();
    for (const p of c.props) {
      const list = c.byName.get(p.name);
      if (list) list.push(p);
      else c.byName.set(p.name, [p]);
    }
  }
  return c.byName.get(name) ?? NONE;
}
const prop = (c: Comp, name: string): ContentLine | undefined => props(c, name)[0];

const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;

export interface ImportContext {
  /** The workspace's zone: floating times and all-day events are read in it. */
  timeZone: string;
  /** Makes ids for foreign events. */
  newId: () => string;
  /** Now, for foreign events' LAST-MODIFIED default. */
  nowIso: string;
}

type ZoneReader = (tzid: string, wall: { y: number; mo: number; d: number; h: number; mi: number; s: number }, line: number) => number;

function zoneReader(text: string, root: Comp): ZoneReader {
  const defined = new Set(root.children.filter((c) => c.name === 'VTIMEZONE').map((c) => unescapeText(prop(c, 'TZID')?.value ?? '')));
  let zones: Map<string, ICAL.Timezone> | null = null;
  return (tzid, w, line) => {
    if (isValidTimeZone(tzid)) return wallClockToInstant(Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi), tzid) + w.s * 1000;
    if (!defined.has(tzid)) throw new CalendarFileError('calendar_unknown_tzid', { tzid, line });
    if (!zones) {
      zones = new Map();
      const vcal = new ICAL.Component(ICAL.parse(text) as unknown[]);
      for (const c of vcal.getAllSubcomponents('vtimezone')) {
        const tz = new ICAL.Timezone(c);
        zones.set(tz.tzid, tz);
      }
    }
    const zone = zones.get(tzid);
    if (!zone) throw new CalendarFileError('calendar_unknown_tzid', { tzid, line });
    const time = new ICAL.Time({ year: w.y, month: w.mo, day: w.d, hour: w.h, minute: w.mi, second: w.s, isDate: false }, zone);
    return time.toUnixTime() * 1000;
  };
}

/** DTSTART as an instant; all-day dates become 09:00 in the workspace's zone. */
function readStart(p: ContentLine, ctx: ImportContext, zones: ZoneReader): { at: number; zone: string } {
  const value = p.value.trim();
  const dt = DATE_TIME.exec(value);
  if (dt) {
    const [y, mo, d, h, mi, s] = dt.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) throw new CalendarFileError('calendar_bad_date', { line: p.line });
    if (dt[7] === 'Z') return { at: Date.UTC(y, mo - 1, d, h, mi, s), zone: 'UTC' };
    const tzid = p.params.TZID;
    if (tzid) return { at: zones(tzid, { y, mo, d, h, mi, s }, p.line), zone: isValidTimeZone(tzid) ? tzid : ctx.timeZone };
    return { at: zones(ctx.timeZone, { y, mo, d, h, mi, s }, p.line), zone: ctx.timeZone };
  }
  const date = DATE.exec(value);
  if (date) {
    const [y, mo, d] = date.slice(1, 4).map(Number) as [number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new CalendarFileError('calendar_bad_date', { line: p.line });
    return { at: zones(ctx.timeZone, { y, mo, d, h: 9, mi: 0, s: 0 }, p.line), zone: ctx.timeZone };
  }
  throw new CalendarFileError('calendar_bad_date', { line: p.line });
}

function readStamp(p: ContentLine | undefined, fallback: string): string {
  if (!p) return fallback;
  const value = p.value.trim();
  const m = DATE_TIME.exec(value);
  if (!m) throw new CalendarFileError('calendar_bad_date', { line: p.line });
  // A plain UTC stamp reads as its ISO text directly; anything Date.UTC would carry over (day 31 of a short month, second 60) goes through it.
  if (m[7] === 'Z' && m[2]! >= '01' && m[2]! <= '12' && m[3]! >= '01' && m[3]! <= '28' && m[4]! <= '23' && m[5]! <= '59' && m[6]! <= '59' && m[1]! >= '1000') {
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)).toISOString();
}

/** JSON of an X-TRIBUNE-* property; its schema is checked once for the whole post (checkProps finds the line). */
function jsonProp<T>(p: ContentLine, _schema: z.ZodType<T>): T {
  try {
    return JSON.parse(unescapeText(p.value)) as T;
  } catch {
    throw new CalendarFileError('calendar_bad_tribune_data', { line: p.line });
  }
}

/** The first X-TRIBUNE-* property whose JSON does not match its schema: its line. */
function badPropLine(c: Comp, fallback: number): number {
  const schemas: [string, z.ZodType][] = [
    ['X-TRIBUNE-CONTENT', DraftContent],
    ['X-TRIBUNE-CAMPAIGN', SnapshotCampaign],
    ['X-TRIBUNE-LABEL', SnapshotLabel],
    ['X-TRIBUNE-COMMENT', SnapshotComment],
    ['X-TRIBUNE-MEDIA', SnapshotMedia],
    ['X-TRIBUNE-TARGET', SnapshotTarget],
  ];
  for (const p of c.props) {
    const schema = schemas.find(([name]) => name === p.name)?.[1];
    if (schema && !schema.safeParse(JSON.parse(unescapeText(p.value))).success) return p.line;
  }
  return fallback;
}

function tribuneZone(p: ContentLine | undefined): string | null {
  if (!p) return null;
  const zone = p.value.trim();
  if (!isValidTimeZone(zone)) throw new CalendarFileError('calendar_unknown_tzid', { tzid: zone, line: p.line });
  return zone;
}

function readEvent(c: Comp, ctx: ImportContext, zones: ZoneReader): ParsedEvent {
  const uidProp = prop(c, 'UID');
  const uid = uidProp ? unescapeText(uidProp.value).trim() : '';
  if (!uid) throw new CalendarFileError('calendar_missing_uid', { line: c.line });
  const startProp = prop(c, 'DTSTART');
  if (!startProp) throw new CalendarFileError('calendar_missing_start', { line: c.line });
  const start = readStart(startProp, ctx, zones);
  const sequenceValue = prop(c, 'SEQUENCE')?.value.trim() ?? '0';
  const sequence = /^\d{1,9}$/.test(sequenceValue) ? Number(sequenceValue) : 0;
  const lastModified = readStamp(prop(c, 'LAST-MODIFIED') ?? prop(c, 'DTSTAMP'), ctx.nowIso);
  const createdAt = readStamp(prop(c, 'CREATED'), lastModified);
  const summary = unescapeText(prop(c, 'SUMMARY')?.value ?? '').trim();
  const description = prop(c, 'DESCRIPTION');

  const idProp = prop(c, 'X-TRIBUNE-ID');
  if (!idProp) {
    const body = description ? unescapeText(description.value).trim() : '';
    const text = body && body !== summary ? (summary ? `${summary}\n\n${body}` : body) : summary || uid;
    const categories = props(c, 'CATEGORIES').flatMap((p) => splitTextList(p.value));
    void categories;
    return {
      line: c.line,
      tribune: false,
      snapshot: {
        uid, id: ctx.newId(), kind: 'idea', text: text.slice(0, 100_000), content: null, at: new Date(start.at).toISOString(), timeZone: start.zone,
        status: 'idea', reviewState: 'draft', campaign: null, labels: [], comments: [], media: [], targets: [],
        sequence, lastModified, createdAt,
      },
    };
  }

  const tribuneAt = prop(c, 'X-TRIBUNE-AT');
  // Another client may have moved the event: DTSTART wins when it no longer says the same second.
  let at = new Date(start.at).toISOString();
  if (tribuneAt) {
    const exact = Date.parse(tribuneAt.value.trim());
    if (!Number.isFinite(exact)) throw new CalendarFileError('calendar_bad_tribune_data', { line: tribuneAt.line });
    if (Math.floor(exact / 1000) === Math.floor(start.at / 1000)) at = new Date(exact).toISOString();
  }
  const textProp = prop(c, 'X-TRIBUNE-TEXT');
  const text = description ? unescapeText(description.value) : textProp ? unescapeText(textProp.value) : summary;
  const contentProp = prop(c, 'X-TRIBUNE-CONTENT');
  const campaignProp = prop(c, 'X-TRIBUNE-CAMPAIGN');
  const candidate = {
    uid,
    id: idProp.value.trim(),
    kind: prop(c, 'X-TRIBUNE-KIND')?.value.trim() ?? 'post',
    text,
    content: contentProp ? jsonProp(contentProp, DraftContent) : null,
    at,
    // The post's own zone; none: it follows the workspace's.
    timeZone: tribuneZone(prop(c, 'X-TRIBUNE-ZONE')),
    status: prop(c, 'X-TRIBUNE-STATUS')?.value.trim() ?? 'draft',
    reviewState: prop(c, 'X-TRIBUNE-REVIEW')?.value.trim() ?? 'draft',
    campaign: campaignProp ? jsonProp(campaignProp, SnapshotCampaign) : null,
    labels: props(c, 'X-TRIBUNE-LABEL').map((p) => jsonProp(p, SnapshotLabel)),
    comments: props(c, 'X-TRIBUNE-COMMENT').map((p) => jsonProp(p, SnapshotComment)),
    media: props(c, 'X-TRIBUNE-MEDIA').map((p) => jsonProp(p, SnapshotMedia)),
    targets: props(c, 'X-TRIBUNE-TARGET').map((p) => jsonProp(p, SnapshotTarget)),
    sequence,
    lastModified,
    createdAt,
  };
  const parsed = PostSnapshot.safeParse(candidate);
  if (!parsed.success) {
    throw new CalendarFileError('calendar_bad_tribune_data', { line: badPropLine(c, idProp.line), field: parsed.error.issues[0]?.path.join('.') ?? '' });
  }
  return { line: c.line, tribune: true, snapshot: parsed.data };
}

/** The whole file or a CalendarFileError: nothing half-read. */
export function parseCalendar(text: string, ctx: ImportContext): ParsedCalendar {
  const lines = tokenize(text);
  const root = tree(lines);
  if (root.name !== 'VCALENDAR') throw new CalendarFileError('calendar_not_ical', { line: 1 });
  const zones = zoneReader(text, root);
  const events: ParsedEvent[] = [];
  const seen = new Map<string, number>();
  for (const c of root.children) {
    if (c.name !== 'VEVENT') continue;
    // Overrides of a recurring event share its UID: the master stands for the series.
    if (prop(c, 'RECURRENCE-ID')) continue;
    const event = readEvent(c, ctx, zones);
    if (seen.has(event.snapshot.uid)) throw new CalendarFileError('calendar_duplicate_uid', { line: c.line, first: seen.get(event.snapshot.uid)! });
    seen.set(event.snapshot.uid, c.line);
    events.push(event);
  }
  const format = prop(root, 'X-TRIBUNE-FORMAT') ? 'tribune_ics' : 'foreign_ics';
  const rangeProp = prop(root, 'X-TRIBUNE-RANGE');
  let range: ParsedCalendar['range'] = null;
  if (rangeProp) {
    const [from, to] = rangeProp.value.split('/').map((v) => Date.parse(v.trim()));
    if (Number.isFinite(from) && Number.isFinite(to)) range = { from: from!, to: to! };
  }
  return { format, workspaceId: prop(root, 'X-TRIBUNE-WORKSPACE')?.value.trim() ?? null, range, events };
}
