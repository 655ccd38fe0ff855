import { parseEconomicEvent, type EconomicEvent, type EconomicEventInput } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';

const at = new Date('2026-12-08T10:00:00Z');

function event(input: Partial<EconomicEventInput> & { id: string; uid: string }): EconomicEvent {
  const parsed = parseEconomicEvent({
    title: 'Non-Farm Payrolls',
    currency: 'USD',
    impact: 'high',
    when: { localTime: '2027-01-08T08:30', timeZone: 'America/New_York' },
    ...input,
  });
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

const nfp = event({ id: 'ev-nfp', uid: 'us-nfp-2027-01' });
const cpi = event({ id: 'ev-cpi', uid: 'us-cpi-2027-01', title: 'CPI m/m', when: { localTime: '2027-01-13T08:30', timeZone: 'America/New_York' } });
const ecb = event({ id: 'ev-ecb', uid: 'ecb-2027-01', title: 'ECB rate decision', currency: 'EUR', when: { localTime: '2027-01-28T14:15', timeZone: 'Europe/Berlin' } });
const claims = event({ id: 'ev-claims', uid: 'us-claims-2027-01-07', title: 'Jobless claims', impact: 'medium', when: { localTime: '2027-01-07T08:30', timeZone: 'America/New_York' } });

describeEachDatabase('economic calendar repository', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);

  it('stores events with their instant and zone, and reads a window by currency and impact in time order', async () => {
    await uow().run(async (tx) => {
      for (const e of [ecb, nfp, claims, cpi]) expect(await tx.economicCalendar.add(e, at)).toBe(true);
    });
    const january = { from: new Date('2027-01-01T00:00:00Z'), to: new Date('2027-01-31T23:59:59Z') };
    const all = await uow().run((tx) => tx.economicCalendar.eventsBetween({ ...january, currencies: null, impacts: null }));
    expect(all.map((e) => e.id)).toEqual(['ev-claims', 'ev-nfp', 'ev-cpi', 'ev-ecb']);
    expect(all[1]).toEqual(nfp);
    expect(all[1]!.at.toISOString()).toBe('2027-01-08T13:30:00.000Z');
    const usdHigh = await uow().run((tx) => tx.economicCalendar.eventsBetween({ ...january, currencies: ['USD'], impacts: ['high'] }));
    expect(usdHigh.map((e) => e.id)).toEqual(['ev-nfp', 'ev-cpi']);
    // Both ends included, to the millisecond.
    const exact = await uow().run((tx) =>
      tx.economicCalendar.eventsBetween({ from: nfp.at, to: nfp.at, currencies: null, impacts: null }),
    );
    expect(exact.map((e) => e.id)).toEqual(['ev-nfp']);
    const justAfter = await uow().run((tx) =>
      tx.economicCalendar.eventsBetween({ from: new Date(nfp.at.getTime() + 1), to: new Date(cpi.at.getTime() - 1), currencies: null, impacts: null }),
    );
    expect(justAfter).toEqual([]);
  });

  it('refuses a second event with a taken uid, on add and on edit', async () => {
    const twin = event({ id: 'ev-twin', uid: nfp.uid });
    expect(await uow().run((tx) => tx.economicCalendar.add(twin, at))).toBe(false);
    expect(await uow().run((tx) => tx.economicCalendar.edit({ ...cpi, uid: nfp.uid }, at))).toBe(false);
    const moved = { ...cpi, title: 'CPI y/y', at: new Date('2027-01-14T13:30:00Z') };
    expect(await uow().run((tx) => tx.economicCalendar.edit(moved, at))).toBe(true);
    expect(await uow().run((tx) => tx.economicCalendar.findById(cpi.id, { forUpdate: true }))).toEqual(moved);
    expect(await uow().run((tx) => tx.economicCalendar.findByUid(cpi.uid))).toEqual(moved);
  });

  it('imports by uid: new uids added, known ones updated in place, identical ones left alone; twice changes nothing', async () => {
    const revisedEcb = event({ id: 'ignored-new-id', uid: ecb.uid, title: 'ECB rate decision', currency: 'EUR', when: { localTime: '2027-01-28T14:15', timeZone: 'Europe/Berlin' }, impact: 'medium' });
    const boe = event({ id: 'ev-boe', uid: 'boe-2027-02', title: 'BoE rate decision', currency: 'GBP', when: { localTime: '2027-02-04T12:00', timeZone: 'Europe/London' } });
    const first = await uow().run((tx) => tx.economicCalendar.importMany([nfp, revisedEcb, boe], at));
    expect(first.map((r) => [r.outcome, r.after.id])).toEqual([
      ['unchanged', 'ev-nfp'],
      ['updated', 'ev-ecb'],
      ['created', 'ev-boe'],
    ]);
    expect(first[1]!.before).toEqual(ecb);
    expect(first[1]!.after).toEqual({ ...revisedEcb, id: 'ev-ecb' });
    const second = await uow().run((tx) => tx.economicCalendar.importMany([nfp, { ...revisedEcb, id: 'x' }, { ...boe, id: 'y' }], at));
    expect(second.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const count = await ctx.db.knex('economic_events').count({ n: '*' }).first();
    expect(Number(count?.n)).toBe(5);
  });

  it('removes an event once', async () => {
    expect(await uow().run((tx) => tx.economicCalendar.remove(claims.id))).toBe(true);
    expect(await uow().run((tx) => tx.economicCalendar.remove(claims.id))).toBe(false);
    expect(await uow().run((tx) => tx.economicCalendar.findById(claims.id))).toBeNull();
  });

  it('rolls an import back with the transaction it belongs to', async () => {
    const fomc = event({ id: 'ev-fomc', uid: 'fomc-2027-01', title: 'FOMC rate decision', when: { localTime: '2027-01-27T14:00', timeZone: 'America/New_York' } });
    await expect(
      uow().run(async (tx) => {
        await tx.economicCalendar.importMany([fomc], at);
        throw new Error('audit failed');
      }),
    ).rejects.toThrow('audit failed');
    expect(await uow().run((tx) => tx.economicCalendar.findByUid(fomc.uid))).toBeNull();
  });
});
