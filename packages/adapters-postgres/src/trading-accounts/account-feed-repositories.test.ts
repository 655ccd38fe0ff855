import { Decimal } from 'decimal.js';
import type { TradingAccountRepositories } from '@tradesense/application';
import { DomainError, type TradingAccountOwner } from '@tradesense/domain';
import { aUser, anActiveChallenge, stellarTwoStepRules } from '@tradesense/domain/testing';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { aRecordedDeal } from './testing/recorded-deal.js';

const start = new Date('2026-11-02T15:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

const PHASE_1: TradingAccountOwner = { kind: 'challenge_phase', id: 'c-deals', phase: 1, attempt: 1 };
const PHASE_2: TradingAccountOwner = { kind: 'challenge_phase', id: 'c-deals', phase: 2, attempt: 1 };
const FUNDED: TradingAccountOwner = { kind: 'funded_account', id: 'f-deals' };
const ENTRY: TradingAccountOwner = { kind: 'competition_entry', id: 'e-deals', competitionId: 'cup-deals' };

const deal = aRecordedDeal;

describeEachDatabase('account feed repositories', (ctx) => {
  const inTransaction = <T>(work: (repos: TradingAccountRepositories) => Promise<T>): Promise<T> =>
    new PostgresUnitOfWork(ctx.db.knex).run((scope) => work(scope));

  it('records a deal once per login and ticket', async () => {
    // A challenge's deals name it (the row goes with the challenge): it must exist.
    await new PostgresUnitOfWork(ctx.db.knex).run(async (tx) => {
      await tx.users.save(aUser({ id: 'u-deals', email: 'u-deals@example.com', at: start }));
      await tx.challenges.save(anActiveChallenge({ id: 'c-deals', traderId: 'u-deals', rules: stellarTwoStepRules('100000'), at: start, account: '9100' }));
    });
    expect(await inTransaction((repos) => repos.accountDeals.record(deal('9100', '1001', PHASE_1)))).toBe(true);
    expect(await inTransaction((repos) => repos.accountDeals.record(deal('9100', '1001', PHASE_1, { volume: new Decimal(9) })))).toBe(false);
    // The same ticket on another login is another deal.
    expect(await inTransaction((repos) => repos.accountDeals.record(deal('9200', '1001', PHASE_2, { time: minutes(10) })))).toBe(true);
    expect(await ctx.db.knex('platform_deals').where({ login: '9100', deal_id: '1001' }).first('volume')).toEqual({ volume: '1.50000000' });
  });

  it('knows the lots left open on a position, per login', async () => {
    await inTransaction((repos) =>
      repos.accountDeals.record(
        deal('9100', '1002', PHASE_1, { time: minutes(1), kind: 'sell', entry: 'out', volume: new Decimal('0.5'), profit: new Decimal('12.34') }),
      ),
    );
    expect((await inTransaction((repos) => repos.accountDeals.openVolume('9100', 'p1'))).toFixed()).toBe('1');
    await inTransaction((repos) => repos.accountDeals.record(deal('9100', '1003', PHASE_1, { time: minutes(2), kind: 'sell', entry: 'out', volume: new Decimal(1) })));
    expect((await inTransaction((repos) => repos.accountDeals.openVolume('9100', 'p1'))).toFixed()).toBe('0');
    // Position p1 of the phase-2 login is its own.
    expect((await inTransaction((repos) => repos.accountDeals.openVolume('9200', 'p1'))).toFixed()).toBe('1.5');
    expect((await inTransaction((repos) => repos.accountDeals.openVolume('9100', 'p-none'))).toFixed()).toBe('0');
  });

  it('lists a position’s deals on one login, oldest first, to the cent', async () => {
    const p1 = await inTransaction((repos) => repos.accountDeals.positionDeals('9100', 'p1'));
    expect(p1.map((recorded) => [recorded.dealId, recorded.entry, recorded.profit.toFixed(2), recorded.commission.toFixed(2)])).toEqual([
      ['1001', 'in', '0.00', '-4.50'],
      ['1002', 'out', '12.34', '-4.50'],
      ['1003', 'out', '0.00', '-4.50'],
    ]);
    expect((await inTransaction((repos) => repos.accountDeals.positionDeals('9200', 'p1'))).map((recorded) => recorded.dealId)).toEqual(['1001']);
    expect(await inTransaction((repos) => repos.accountDeals.positionDeals('9100', 'p-none'))).toEqual([]);
  });

  it('lists a challenge’s deals over all its logins, newest first, a page at a time', async () => {
    await inTransaction((repos) => repos.accountDeals.record(deal('9200', '1004', PHASE_2, { time: minutes(11), profit: new Decimal('-0.01') })));
    const owner = { kind: 'challenge_phase' as const, id: 'c-deals' };
    const first = await inTransaction((repos) => repos.accountDeals.listByOwner(owner, { limit: 2 }));
    expect(first.items.map((d) => [d.login, d.dealId])).toEqual([
      ['9200', '1004'],
      ['9100', '1003'],
    ]);
    const rest = await inTransaction((repos) => repos.accountDeals.listByOwner(owner, { cursor: first.nextCursor, limit: 10 }));
    expect(rest.items.map((d) => [d.login, d.dealId])).toEqual([
      ['9100', '1002'],
      ['9200', '1001'],
      ['9100', '1001'],
    ]);
    expect(rest.nextCursor).toBeNull();
    // Each deal keeps the phase and attempt it was taken in for, and its figures to the last digit.
    expect(rest.items[2]).toEqual(deal('9100', '1001', PHASE_1));
    expect(rest.items[1]!.owner).toEqual(PHASE_2);
    expect(first.items[0]!.profit.toFixed(2)).toBe('-0.01');
    expect(rest.items[2]!.price.toFixed()).toBe('1.08512');
    expect((await inTransaction((repos) => repos.accountDeals.listByOwner({ kind: 'funded_account', id: 'c-deals' }, { limit: 10 }))).items).toEqual([]);
    const forged = inTransaction((repos) => repos.accountDeals.listByOwner(owner, { cursor: 'bm90LWEtY3Vyc29y', limit: 2 }));
    await expect(forged).rejects.toBeInstanceOf(DomainError);
    await expect(forged).rejects.toMatchObject({ code: 'PAGE.INVALID_CURSOR' });
  });

  it('lists one login’s deals, newest first, a page at a time', async () => {
    const first = await inTransaction((repos) => repos.accountDeals.listByLogin('9100', { limit: 2 }));
    expect(first.items.map((d) => d.dealId)).toEqual(['1003', '1002']);
    // The cursor of a login's page carries on within that login: the phase-2 login's deals never join.
    const rest = await inTransaction((repos) => repos.accountDeals.listByLogin('9100', { cursor: first.nextCursor, limit: 2 }));
    expect(rest).toEqual({ items: [deal('9100', '1001', PHASE_1)], nextCursor: null });
    expect((await inTransaction((repos) => repos.accountDeals.listByLogin('9200', { limit: 10 }))).items.map((d) => d.dealId)).toEqual(['1004', '1001']);
    expect(await inTransaction((repos) => repos.accountDeals.listByLogin('9999', { limit: 10 }))).toEqual({ items: [], nextCursor: null });
    await expect(inTransaction((repos) => repos.accountDeals.listByLogin('9100', { cursor: 'bm90LWEtY3Vyc29y', limit: 2 }))).rejects.toMatchObject({
      code: 'PAGE.INVALID_CURSOR',
    });
  });

  it('records a funded account’s and a competition entry’s deals, which belong to no challenge', async () => {
    const funded = deal('9300', '2001', FUNDED, { time: minutes(20), balanceAfter: new Decimal('50000.01') });
    const entry = deal('9400', '3001', ENTRY, { time: minutes(21) });
    expect(await inTransaction((repos) => repos.accountDeals.record(funded))).toBe(true);
    expect(await inTransaction((repos) => repos.accountDeals.record(entry))).toBe(true);
    expect(await inTransaction((repos) => repos.accountDeals.listByOwner({ kind: 'funded_account', id: 'f-deals' }, { limit: 10 }))).toEqual({
      items: [funded],
      nextCursor: null,
    });
    expect((await inTransaction((repos) => repos.accountDeals.listByOwner({ kind: 'competition_entry', id: 'e-deals' }, { limit: 10 }))).items).toEqual([entry]);
    expect(await ctx.db.knex('platform_deals').where({ login: '9300' }).first('challenge_id', 'phase', 'attempt', 'owner_kind', 'owner_id')).toEqual({
      challenge_id: null,
      phase: null,
      attempt: null,
      owner_kind: 'funded_account',
      owner_id: 'f-deals',
    });
    expect((await inTransaction((repos) => repos.accountDeals.openVolume('9300', 'p1'))).toFixed()).toBe('1.5');
    // A challenge's deal must name its challenge, phase and attempt.
    await expect(
      ctx.db.knex('platform_deals').insert({ ...(await ctx.db.knex('platform_deals').where({ login: '9300' }).first()), seq: undefined, deal_id: '2002', owner_kind: 'challenge_phase' }),
    ).rejects.toThrow(/platform_deals_owner_check/);
  });

  it('keeps the latest figures and the feed cursor per login; an older observation does not overwrite a newer one', async () => {
    const figures = await inTransaction((repos) => repos.accountEquity.lock('9100', start));
    expect(figures.lastDealId).toBeNull();
    expect(figures.ledgerBalance.toFixed(2)).toBe('0.00');
    const later = minutes(1);
    await inTransaction((repos) =>
      repos.accountEquity.update('9100', {
        balance: new Decimal('100000'),
        equity: new Decimal('99950.5'),
        at: later,
        ledger: { balance: new Decimal('100000'), lastDealId: '1003' },
      }),
    );
    // An observation from before the stored one: figures stay, nothing else moves either.
    await inTransaction((repos) => repos.accountEquity.update('9100', { balance: new Decimal('1'), equity: new Decimal('1'), at: start }));
    let after = (await inTransaction((repos) => repos.accountEquity.find('9100')))!;
    expect(after.equity.toFixed(2)).toBe('99950.50');
    expect(after.updatedAt).toEqual(later);
    // A newer observation replaces the figures but not the ledger or the cursor.
    await inTransaction((repos) =>
      repos.accountEquity.update('9100', { balance: new Decimal('100000'), equity: new Decimal('99960'), at: new Date(later.getTime() + 1) }),
    );
    after = (await inTransaction((repos) => repos.accountEquity.find('9100')))!;
    expect(after).toMatchObject({ login: '9100', lastDealId: '1003' });
    expect(after.equity.toFixed(2)).toBe('99960.00');
    expect(after.ledgerBalance.toFixed(2)).toBe('100000.00');
    expect(await inTransaction((repos) => repos.accountEquity.find('9999'))).toBeNull();
  });
});
