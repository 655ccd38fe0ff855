import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { EXAMPLE_CALENDAR_CSV } from '../economic-calendar/example-calendar.js';
import { caller, type Caller } from '../testing/http-test-kit.js';

describeEachPlatform('economic calendar routes over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let admin: Caller;
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform, 'admin')]);
  });
  afterAll(async () => {
    await http.stop();
  });
  const call = async (method: string, path: string, who: Caller | null, body?: string, type = 'application/json') => {
    const response = await fetch(`${http.url}${path}`, {
      method,
      headers: { ...(who?.headers ?? {}), ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { code?: string; details?: Record<string, unknown> } };
  };

  it('imports a CSV by uid, all or nothing, and twice changes nothing', async () => {
    const bad = `${EXAMPLE_CALENDAR_CSV}bad-1,Broken,US,huge,2027-03-14T02:30,America/New_York\n`;
    const refused = await call('POST', '/v1/admin/economic-calendar/imports', admin, bad, 'text/csv');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ECONOMIC_CALENDAR.IMPORT_INVALID');
    const errors = refused.body.details!.errors as Array<{ line: number; code: string }>;
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [23, 'ECONOMIC_CALENDAR.INVALID_CURRENCY'],
      [23, 'ECONOMIC_CALENDAR.INVALID_IMPACT'],
      [23, 'ECONOMIC_CALENDAR.NONEXISTENT_LOCAL_TIME'],
    ]);
    const window = '/v1/admin/economic-calendar?from=2026-12-01T00:00:00Z&to=2027-05-01T00:00:00Z';
    expect((await call('GET', window, admin)).body.events).toEqual([]);
    const first = await call('POST', '/v1/admin/economic-calendar/imports', admin, EXAMPLE_CALENDAR_CSV, 'text/csv');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ source: 'csv', created: 21, updated: 0, unchanged: 0 });
    const again = await call('POST', '/v1/admin/economic-calendar/imports', admin, EXAMPLE_CALENDAR_CSV, 'text/csv');
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 21 });
    // NFP before and after the US clock change: 08:30 New York is 13:30Z, then 12:30Z.
    const listed = (await call('GET', `${window}&currency=usd`, admin)).body.events as Array<{ uid: string; at: string; localTime: string }>;
    const nfp = listed.filter((e) => e.uid.includes('us-nfp-2027-0'));
    expect(nfp.map((e) => [e.at, e.localTime]).slice(-2)).toEqual([
      ['2027-03-05T13:30:00.000Z', '2027-03-05T08:30:00'],
      ['2027-04-02T12:30:00.000Z', '2027-04-02T08:30:00'],
    ]);
  });

  it('imports iCalendar with TZID or UTC start times, currency and impact from X- properties or CATEGORIES', async () => {
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Example//Calendar//EN',
      'BEGIN:VEVENT', 'UID:boe-2027-02-04', 'SUMMARY:BoE rate decision', 'DTSTART;TZID=Europe/London:20270204T120000', 'CATEGORIES:GBP,High', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:rba-2027-02-02', 'SUMMARY:RBA rate decision', 'DTSTART:20270202T033000Z', 'X-CURRENCY:AUD', 'X-IMPACT:high', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const imported = await call('POST', '/v1/admin/economic-calendar/imports', admin, ics, 'text/calendar');
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ source: 'ics', created: 2 });
    const trading = await call('GET', '/v1/economic-calendar?from=2027-02-02T00:00:00Z&to=2027-02-05T00:00:00Z&currency=GBP,AUD', trader);
    expect(trading.status).toBe(200);
    expect((trading.body.events as Array<{ uid: string; at: string; timeZone: string }>).map((e) => [e.uid, e.at, e.timeZone])).toEqual([
      ['rba-2027-02-02', '2027-02-02T03:30:00.000Z', 'UTC'],
      ['boe-2027-02-04', '2027-02-04T12:00:00.000Z', 'Europe/London'],
    ]);
  });

  it('adds, edits and deletes an event, audited; traders see only high impact and may not change anything', async () => {
    const added = await call('POST', '/v1/admin/economic-calendar/events', admin, JSON.stringify({ title: 'US GDP', currency: 'USD', impact: 'medium', localTime: '2027-01-28T08:30', timeZone: 'America/New_York' }));
    expect(added.status).toBe(201);
    const id = added.body.id as string;
    expect(added.body).toMatchObject({ uid: id, at: '2027-01-28T13:30:00.000Z', localTime: '2027-01-28T08:30:00' });
    const traderWindow = '/v1/economic-calendar?from=2027-01-28T00:00:00Z&to=2027-01-29T00:00:00Z';
    expect((await call('GET', traderWindow, trader)).body.events).toEqual([]);
    const edited = await call('PATCH', `/v1/admin/economic-calendar/events/${id}`, admin, JSON.stringify({ impact: 'high' }));
    expect(edited.body).toMatchObject({ id, impact: 'high' });
    expect((await call('GET', traderWindow, trader)).body.events).toHaveLength(1);
    const half = await call('PATCH', `/v1/admin/economic-calendar/events/${id}`, admin, JSON.stringify({ timeZone: 'UTC' }));
    expect([half.status, half.body.code]).toEqual([400, 'VALIDATION.FAILED']);
    expect((await call('POST', '/v1/admin/economic-calendar/events', trader, '{}')).status).toBe(403);
    expect((await call('POST', '/v1/admin/economic-calendar/imports', admin, '{}')).body.code).toBe('HTTP.UNSUPPORTED_MEDIA_TYPE');
    expect((await call('DELETE', `/v1/admin/economic-calendar/events/${id}`, admin)).status).toBe(200);
    const gone = await call('DELETE', `/v1/admin/economic-calendar/events/${id}`, admin);
    expect([gone.status, gone.body.code]).toEqual([404, 'ECONOMIC_CALENDAR.EVENT_NOT_FOUND']);
    const audit = await call('GET', `/v1/admin/audit-log?subjectType=economic_event&subjectId=${id}`, admin);
    expect((audit.body.entries as Array<{ action: string }>).map((e) => e.action)).toEqual([
      'economic_calendar.event_deleted',
      'economic_calendar.event_edited',
      'economic_calendar.event_added',
    ]);
  });
});
