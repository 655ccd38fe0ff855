import { describe, expect, it } from 'vitest';
import { EconomicCalendarErrorCode } from './economic-calendar-errors.js';
import { highImpactEventsTouching, parseCalendarWindow } from './economic-calendar-query.js';
import { EconomicEventInvalid, localTimeOf, parseEconomicEvent, sameEconomicEvent, type EconomicEvent, type EconomicEventInput } from './economic-event.js';
import { instantOfWallTime, parseTimeZone } from './zoned-time.js';

const nfp: EconomicEventInput = {
  id: 'e1',
  uid: 'us-nfp-2026-03',
  title: 'Non-Farm Payrolls',
  currency: 'usd',
  impact: 'HIGH',
  when: { localTime: '2026-03-06T08:30', timeZone: 'America/New_York' },
};

function event(input: Partial<EconomicEventInput> = {}): EconomicEvent {
  const parsed = parseEconomicEvent({ ...nfp, ...input });
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

describe('local wall time to instant', () => {
  it('reads a New York release at its winter and summer offsets', () => {
    // 08:30 EST is 13:30Z; after the change on 2026-03-08, 08:30 EDT is 12:30Z.
    expect(instantOfWallTime('2026-03-06T08:30', 'America/New_York')).toEqual({ ok: true, value: new Date('2026-03-06T13:30:00Z') });
    expect(instantOfWallTime('2026-04-03T08:30', 'America/New_York')).toEqual({ ok: true, value: new Date('2026-04-03T12:30:00Z') });
    // Between the US and the European changes London is four hours ahead of New York, not five.
    expect(instantOfWallTime('2026-03-18T07:00:00', 'Europe/London')).toEqual({ ok: true, value: new Date('2026-03-18T07:00:00Z') });
    expect(instantOfWallTime('2026-04-15T07:00', 'Europe/London')).toEqual({ ok: true, value: new Date('2026-04-15T06:00:00Z') });
  });

  it('refuses the hour the spring change skips', () => {
    const skipped = instantOfWallTime('2026-03-08T02:30', 'America/New_York');
    expect(skipped.ok).toBe(false);
    if (!skipped.ok) expect(skipped.error.code).toBe(EconomicCalendarErrorCode.NONEXISTENT_LOCAL_TIME);
    expect(instantOfWallTime('2026-03-29T01:15', 'Europe/London').ok).toBe(false);
    expect(instantOfWallTime('2026-03-08T03:00', 'America/New_York')).toEqual({ ok: true, value: new Date('2026-03-08T07:00:00Z') });
  });

  it('takes the first of the two instants of the hour the autumn change repeats', () => {
    // 01:30 New York happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(instantOfWallTime('2026-11-01T01:30', 'America/New_York')).toEqual({ ok: true, value: new Date('2026-11-01T05:30:00Z') });
    expect(instantOfWallTime('2026-10-25T01:30', 'Europe/London')).toEqual({ ok: true, value: new Date('2026-10-25T00:30:00Z') });
  });

  it('refuses malformed and unreal date-times and unknown zones', () => {
    for (const bad of ['2026-02-30T08:30', '2026-03-06 08:30', '2026-03-06T24:00', '2026-03-06', '']) {
      const result = instantOfWallTime(bad, 'UTC');
      expect([bad, result.ok ? null : result.error.code]).toEqual([bad, EconomicCalendarErrorCode.INVALID_LOCAL_TIME]);
    }
    for (const zone of ['Mars/Olympus', '+02:00', '', 'EST5EDT ']) {
      const result = parseTimeZone(zone);
      if (zone === 'EST5EDT ') expect(result.ok).toBe(true);
      else expect([zone, result.ok ? null : result.error.code]).toEqual([zone, EconomicCalendarErrorCode.INVALID_TIME_ZONE]);
    }
    expect(parseTimeZone('america/new_york')).toEqual({ ok: true, value: 'America/New_York' });
  });
});

describe('EconomicEvent', () => {
  it('normalises a valid event and shows it at its publisher’s local time', () => {
    const parsed = event();
    expect(parsed).toEqual({
      id: 'e1',
      uid: 'us-nfp-2026-03',
      title: 'Non-Farm Payrolls',
      currency: 'USD',
      impact: 'high',
      at: new Date('2026-03-06T13:30:00Z'),
      timeZone: 'America/New_York',
    });
    expect(localTimeOf(parsed)).toBe('2026-03-06T08:30:00');
    expect(localTimeOf({ at: parsed.at, timeZone: 'Europe/London' })).toBe('2026-03-06T13:30:00');
  });

  it('accepts an instant given in UTC', () => {
    const parsed = event({ when: { at: new Date('2026-03-06T13:30:00Z'), timeZone: 'UTC' } });
    expect(parsed.at.toISOString()).toBe('2026-03-06T13:30:00.000Z');
    expect(localTimeOf(parsed)).toBe('2026-03-06T13:30:00');
  });

  it('lists every refusal of one event, the first one’s code leading', () => {
    const result = parseEconomicEvent({ ...nfp, uid: ' ', title: '', currency: 'US', impact: 'huge', when: { localTime: '2026-03-08T02:30', timeZone: 'America/New_York' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(EconomicEventInvalid);
    expect(result.error.code).toBe(EconomicCalendarErrorCode.INVALID_UID);
    expect(result.error.problems.map((problem) => problem.code)).toEqual([
      EconomicCalendarErrorCode.INVALID_UID,
      EconomicCalendarErrorCode.INVALID_TITLE,
      EconomicCalendarErrorCode.INVALID_CURRENCY,
      EconomicCalendarErrorCode.INVALID_IMPACT,
      EconomicCalendarErrorCode.NONEXISTENT_LOCAL_TIME,
    ]);
  });

  it('refuses currency codes that name no release currency', () => {
    for (const currency of ['XAU', 'EURO', '12A', '']) {
      const result = parseEconomicEvent({ ...nfp, currency });
      expect([currency, result.ok ? null : result.error.code]).toEqual([currency, EconomicCalendarErrorCode.INVALID_CURRENCY]);
    }
  });

  it('tells a changed release from a repeated one', () => {
    expect(sameEconomicEvent(event(), event({ id: 'other id' }))).toBe(true);
    expect(sameEconomicEvent(event(), event({ when: { localTime: '2026-03-06T08:31', timeZone: 'America/New_York' } }))).toBe(false);
    // Same instant, announced in another zone: shown differently, so it is a change.
    expect(sameEconomicEvent(event(), event({ when: { at: new Date('2026-03-06T13:30:00Z'), timeZone: 'UTC' } }))).toBe(false);
  });
});

describe('highImpactEventsTouching', () => {
  const events = [
    event({ id: 'cpi', uid: 'us-cpi', title: 'CPI', when: { localTime: '2026-03-11T08:30', timeZone: 'America/New_York' } }),
    event(),
    event({ id: 'ecb', uid: 'ecb', title: 'ECB rate decision', currency: 'EUR', when: { localTime: '2026-03-19T14:15', timeZone: 'Europe/Berlin' } }),
    event({ id: 'claims', uid: 'us-claims', title: 'Jobless claims', impact: 'medium', when: { localTime: '2026-03-06T08:30', timeZone: 'America/New_York' } }),
  ];

  it('keeps high-impact events of the currencies inside the window, both ends included, in time order', () => {
    const window = { from: new Date('2026-03-06T13:28:00Z'), to: new Date('2026-03-11T12:30:00Z') };
    expect(highImpactEventsTouching(events, window, ['USD']).map((e) => e.id)).toEqual(['e1', 'cpi']);
    expect(highImpactEventsTouching(events, { from: new Date('2026-03-06T13:30:00Z'), to: new Date('2026-03-06T13:30:00Z') }, null).map((e) => e.id)).toEqual(['e1']);
    expect(highImpactEventsTouching(events, { from: new Date('2026-03-06T13:30:00.001Z'), to: new Date('2026-03-11T12:29:59Z') }, null)).toEqual([]);
    expect(highImpactEventsTouching(events, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') }, ['eur']).map((e) => e.id)).toEqual(['ecb']);
    expect(highImpactEventsTouching(events, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') }, [])).toEqual([]);
  });

  it('refuses windows that run backwards or span more than a year', () => {
    expect(parseCalendarWindow(new Date('2026-03-02Z'), new Date('2026-03-01Z')).ok).toBe(false);
    expect(parseCalendarWindow(new Date('2026-01-01Z'), new Date('2027-01-03Z')).ok).toBe(false);
    expect(parseCalendarWindow(new Date('nope'), new Date('2027-01-03Z')).ok).toBe(false);
    expect(parseCalendarWindow(new Date('2026-01-01Z'), new Date('2026-01-01Z')).ok).toBe(true);
  });
});
