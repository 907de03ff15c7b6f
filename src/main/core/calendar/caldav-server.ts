/**
 * The CalDAV server as a sync sees it (tsdav): the collection checked, its objects read, one
 * written or deleted with If-Match, and each failure classified: unreachable (the sync ends
 * offline, nothing lost), refused credentials, or a server error.
 */
import { createCalendarObject, deleteCalendarObject, fetchCalendarObjects, getBasicAuthHeaders, propfind, updateCalendarObject } from 'tsdav';
import { AppFailure } from '../../../shared/result';

/** The server could not be reached: the sync stops offline, local changes wait for the next one. */
export class Unreachable extends Error {}

/** An object of the collection: its address, its ETag and its iCalendar text. */
export interface RemoteObject {
  url: string;
  etag: string;
  data: string;
}

/** An object already on the server, written again only if it is still the one read (If-Match). */
export interface ServerObject {
  href: string;
  etag: string;
}

export type AuthHeaders = Record<string, string>;

const fileNameFor = (uid: string) => `${uid.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120)}.ics`;

export const authHeaders = (username: string, password: string): AuthHeaders => getBasicAuthHeaders({ username, password });

export class CalDavServer {
  /** `fetch`: tests pass one that times out fast; the default is the global one. */
  constructor(private readonly fetchImpl?: typeof fetch) {}

  /** Checks that the address is a calendar collection that accepts these credentials. */
  async check(url: string, username: string, password: string): Promise<void> {
    let responses;
    try {
      responses = await propfind({ url, props: { 'd:resourcetype': {} }, depth: '0', headers: authHeaders(username, password), ...this.fetchOption() });
    } catch (error) {
      throw this.classify(error);
    }
    const first = responses[0];
    if (first?.status === 401 || first?.status === 403) throw new AppFailure('caldav_auth_failed', 'The calendar server refused the credentials.');
    const type = JSON.stringify(first?.props?.resourcetype ?? {});
    if (!/calendar/i.test(type)) throw new AppFailure('caldav_not_calendar', 'This address is not a calendar collection.');
  }

  /** Every object of the collection that holds data. */
  async fetchAll(calendar: { url: string }, headers: AuthHeaders): Promise<RemoteObject[]> {
    let objects;
    try {
      objects = await fetchCalendarObjects({ calendar, headers, ...this.fetchOption() });
    } catch (error) {
      throw this.classify(error);
    }
    return objects.filter((o) => typeof o.data === 'string' && o.data.length > 0).map((o) => ({ url: o.url, etag: o.etag ?? '', data: o.data as string }));
  }

  /** False when the object changed on the server since it was read (412): nothing was written. */
  create(calendar: { url: string }, uid: string, data: string, headers: AuthHeaders): Promise<boolean> {
    return this.request(createCalendarObject({ calendar, filename: fileNameFor(uid), iCalString: data, headers, ...this.fetchOption() }));
  }

  /** False when the object changed on the server since it was read (412): nothing was written. */
  update(object: ServerObject, data: string, headers: AuthHeaders): Promise<boolean> {
    return this.request(updateCalendarObject({ calendarObject: { url: object.href, etag: object.etag, data }, headers, ...this.fetchOption() }));
  }

  /** False when the object changed on the server since it was read (412): nothing was deleted. */
  delete(object: ServerObject, headers: AuthHeaders): Promise<boolean> {
    return this.request(deleteCalendarObject({ calendarObject: { url: object.href, etag: object.etag }, headers, ...this.fetchOption() }));
  }

  private fetchOption() {
    return this.fetchImpl ? { fetch: this.fetchImpl } : {};
  }

  /** False when the server refused because the object changed since it was read (412). */
  private async request(pending: Promise<Response>): Promise<boolean> {
    let response: Response;
    try {
      response = await pending;
    } catch (error) {
      throw this.classify(error);
    }
    if (response.status === 401 || response.status === 403) throw new AppFailure('caldav_auth_failed', 'The calendar server refused the credentials.');
    if (response.status === 412) return false;
    if (!response.ok) throw new AppFailure('caldav_server_error', `The calendar server answered ${response.status}.`, { status: response.status });
    return true;
  }

  private classify(error: unknown): Error {
    if (error instanceof AppFailure) return error;
    const text = String((error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.message ?? error);
    if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH|fetch failed|aborted|timeout/i.test(text)) return new Unreachable(text);
    if (/401|Unauthorized/i.test(text)) return new AppFailure('caldav_auth_failed', 'The calendar server refused the credentials.');
    return new AppFailure('caldav_server_error', `The calendar server answered in a way Tribune does not understand.`, { status: 0 });
  }
}
