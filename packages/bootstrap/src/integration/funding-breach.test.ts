import { AUDIT_LOG_READER, UNIT_OF_WORK, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal, breachToData, evaluate, verdictInputs } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { code, outboxPayloads, simulatorOf, value } from '../testing/challenge-fixtures.js';
import { fundTrader, openUs30, pendingKycChallenge, registerPerson } from '../testing/funding-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

// Monday 2 November 2026, 09:00 New York: trading day 2026-11-02, which ends at 22:00 UTC.
const START = '2026-11-02T14:00:00Z';
const clock = new ManualClock(START);
const at = (iso: string): Date => new Date(iso);
const d = (value: string | number) => new Decimal(value);

describeEachPlatform(
  'funding: breach engine of funded accounts',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    afterAll(() => clock.set(START));
    const uow = () => ctx.platform.get(UNIT_OF_WORK);
    const load = (id: string) => uow().run((tx) => tx.fundedAccounts.findById(id));
    const loadTrading = (login: string) => uow().run((tx) => tx.tradingAccounts.find(login));

    let admin: string;
    beforeAll(async () => {
      admin = (await registerPerson(ctx.platform, { name: 'admin', role: 'admin' })).userId;
    });

    async function funded(when: Date): Promise<{ fundedAccountId: string; login: string }> {
      clock.set(when);
      const trader = (await registerPerson(ctx.platform, { name: 'funded' })).userId;
      await pendingKycChallenge(ctx.platform, { traderId: trader, at: when });
      return (await fundTrader(ctx.platform, { traderId: trader, adminId: admin })).fundedAccounts[0]!;
    }

    it('an observation at the floor breaches through the account itself: handled once, with one e-mail', async () => {
      const { fundedAccountId, login } = await funded(at('2026-11-02T14:00:00Z'));
      await openUs30(ctx.platform, login, at('2026-11-02T14:01:00Z'));
      const warned = value(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '96000', at: at('2026-11-02T14:02:00Z') }));
      expect(warned).toMatchObject({ verdict: 'warning', warnings: ['daily_loss'], dailyLossFloor: '95000.00', maxLossFloor: '90000.00', breach: null });
      expect(value(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '95500', at: at('2026-11-02T14:03:00Z') })).warnings).toEqual([]);

      const dipAt = at('2026-11-02T14:04:00Z');
      const breached = value(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '95000.00', at: dipAt }));
      expect(breached.breach).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '95000', balance: '100000', at: dipAt.toISOString(), tick: null });
      expect(breached.breachHandling).toMatchObject({ ok: true, value: { handled: true } });

      const account = (await load(fundedAccountId))!;
      expect(account.status).toBe('breached');
      expect((await simulatorOf(ctx.platform).account(login)).tradingEnabled).toBe(false);
      expect(await simulatorOf(ctx.platform).positions(login)).toEqual([]);
      const verdicts = await uow().run((tx) => tx.tradingAccountVerdicts.listByLogin(login));
      expect(verdicts.map((verdict) => verdict.inputHash)).toEqual([breached.breach!.inputHash]);
      expect(verdicts[0]!.owner).toEqual({ kind: 'funded_account', id: fundedAccountId });
      const audit = await ctx.platform.get(AUDIT_LOG_READER).list({ subjectId: login, action: 'trading_account.breach_handled', limit: 10 });
      expect(audit).toHaveLength(1);

      // Detected again (a retry, a second worker): nothing changes, nothing is sent twice.
      expect(code(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '90000', at: at('2026-11-02T14:05:00Z') }))).toBe(
        'TRADING_ACCOUNT.ALREADY_BREACHED',
      );
      expect(value(await uc().handleAccountBreach.execute({ login }))).toMatchObject({ handled: false, breach: account.breachRecord! });
      expect(await outboxPayloads(ctx.platform, login, 'email.early_warning')).toHaveLength(1);
      const mails = await outboxPayloads(ctx.platform, login, 'email.account_breach');
      expect(mails).toEqual([expect.objectContaining({ accountLogin: login, breach: expect.objectContaining({ floor: '95000', equity: '95000' }) })]);
      expect(await outboxPayloads(ctx.platform, fundedAccountId, 'FundedAccountBreached')).toHaveLength(1);
    });

    it('a breach reported from outside must replay to its record: a forged one changes nothing', async () => {
      const { fundedAccountId, login } = await funded(at('2026-11-02T15:00:00Z'));
      const account = (await loadTrading(login))!;
      const observation = { balance: d(100_000), equity: d(94_000), at: at('2026-11-02T15:01:00Z'), tick: null };
      const verdict = evaluate(account.drawdown, account.rules, observation);
      const inputs = verdictInputs(account.drawdown, account.rules, observation);
      const forged = { ...breachToData(verdict.breach!), equity: '93000', inputHash: 'f'.repeat(64) };
      expect(code(await uc().handleAccountBreach.execute({ login, detected: { breach: forged, inputs } }))).toBe('TRADING_ACCOUNT.VERDICT_MISMATCH');
      expect((await load(fundedAccountId))!.status).toBe('active');
      expect(code(await uc().handleAccountBreach.execute({ login }))).toBe('TRADING_ACCOUNT.NOT_BREACHED');
    });

    it('the rollover snapshots a funded account never observed from its own figures and starts its day', async () => {
      const { login } = await funded(at('2026-11-02T16:00:00Z'));
      const rolled = value(await uc().rollAccountsTradingDay.execute({ at: at('2026-11-02T22:00:00Z') }));
      expect(rolled.tradingDay).toBe('2026-11-03');
      const account = (await loadTrading(login))!;
      expect(account.drawdown.tradingDay).toBe('2026-11-03');
      expect(await outboxPayloads(ctx.platform, login, 'TradingDayRolled')).toEqual([
        expect.objectContaining({ tradingDay: '2026-11-03', dailyLossFloor: '95000', maxLossFloor: '90000', nextResetAt: '2026-11-03T22:00:00.000Z' }),
      ]);
    });
  },
  { clock },
);
