import { Decimal } from 'decimal.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isTradingPlatformError, type Deal, type TradingLogin, type TradingPlatform } from '@tradesense/application';

/** What the contract needs beyond the port: a way to make trading happen, and the time. */
export interface TradingPlatformHarness {
  readonly platform: TradingPlatform;
  /** Opens a 1-lot EURUSD position for the trader (needs roughly 1,100 of margin). */
  openPosition(login: TradingLogin, side: 'buy' | 'sell'): Promise<string>;
  /** The platform's notion of now. */
  now(): Date;
  close(): Promise<void>;
}

const d = (value: string | number): Decimal => new Decimal(value);

const codeOf = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work;
    return 'succeeded';
  } catch (error) {
    return isTradingPlatformError(error) ? error.code : `unexpected: ${String(error)}`;
  }
};

/** One behaviour, every implementation: the simulator and MT5 run the same checks. */
export function describeTradingPlatformContract(name: string, setUp: () => Promise<TradingPlatformHarness>): void {
  describe(`TradingPlatform contract: ${name}`, () => {
    let harness: TradingPlatformHarness;
    let platform: TradingPlatform;

    beforeEach(async () => {
      harness = await setUp();
      platform = harness.platform;
    });

    afterEach(async () => {
      await harness.close();
    });

    const newAccount = async (balance = '10000', swapFree = false): Promise<TradingLogin> =>
      (
        await platform.createAccount({
          group: 'demo\\contract',
          leverage: 100,
          initialBalance: d(balance),
          swapFree,
          name: 'Contract Trader',
          email: 'trader@example.com',
        })
      ).login;

    it('creates an account with its initial balance and two distinct passwords', async () => {
      const credentials = await platform.createAccount({
        group: 'demo\\contract',
        leverage: 100,
        initialBalance: d('10000'),
        swapFree: false,
        name: 'Contract Trader',
      });
      expect(credentials.login).toMatch(/^\d+$/);
      expect(credentials.password.length).toBeGreaterThanOrEqual(8);
      expect(credentials.investorPassword).not.toBe(credentials.password);
      const account = await platform.getAccount(credentials.login);
      expect(account.balance.toFixed(2)).toBe('10000.00');
      expect(account.equity.toFixed(2)).toBe('10000.00');
      expect(account.margin.toFixed(2)).toBe('0.00');
      expect(account.freeMargin.toFixed(2)).toBe('10000.00');
      expect(account.marginLevel).toBeNull();
      expect(account.leverage).toBe(100);
      expect(account.group).toBe('demo\\contract');
      expect(account.tradingEnabled).toBe(true);
      expect(account.swapFree).toBe(false);
      expect(account.currency).toBe('USD');
    });

    it('marks swap-free accounts', async () => {
      const login = await newAccount('5000', true);
      expect((await platform.getAccount(login)).swapFree).toBe(true);
    });

    it('moves the balance once per client operation id', async () => {
      const login = await newAccount();
      const deposit = await platform.balanceOperation({ login, kind: 'deposit', amount: d('500'), clientOperationId: 'op-deposit-1' });
      expect(deposit.replayed).toBe(false);
      expect(deposit.amount.toFixed(2)).toBe('500.00');
      const again = await platform.balanceOperation({ login, kind: 'deposit', amount: d('500'), clientOperationId: 'op-deposit-1' });
      expect(again).toMatchObject({ dealId: deposit.dealId, replayed: true });
      await platform.balanceOperation({ login, kind: 'withdrawal', amount: d('200'), clientOperationId: 'op-withdrawal-1' });
      await platform.balanceOperation({ login, kind: 'correction', amount: d('-0.50'), clientOperationId: 'op-correction-1' });
      expect((await platform.getAccount(login)).balance.toFixed(2)).toBe('10299.50');

      const deals = await platform.dealsAfter(login, null);
      expect(deals.map((deal) => [deal.kind, deal.profit.toFixed(2)])).toEqual([
        ['balance', '10000.00'],
        ['balance', '500.00'],
        ['balance', '-200.00'],
        ['correction', '-0.50'],
      ]);
    });

    it('refuses a client operation id reused for a different operation', async () => {
      const login = await newAccount();
      await platform.balanceOperation({ login, kind: 'deposit', amount: d('100'), clientOperationId: 'op-reused' });
      expect(await codeOf(platform.balanceOperation({ login, kind: 'deposit', amount: d('101'), clientOperationId: 'op-reused' }))).toBe(
        'PLATFORM.INVALID_REQUEST',
      );
      expect((await platform.getAccount(login)).balance.toFixed(2)).toBe('10100.00');
    });

    it('refuses a withdrawal beyond the free margin with NOT_ENOUGH_MONEY and books nothing', async () => {
      const login = await newAccount('1500');
      await harness.openPosition(login, 'buy');
      const before = await platform.getAccount(login);
      let failure: unknown;
      try {
        await platform.balanceOperation({ login, kind: 'withdrawal', amount: d('1000'), clientOperationId: 'op-too-much' });
      } catch (error) {
        failure = error;
      }
      expect(isTradingPlatformError(failure, 'PLATFORM.NOT_ENOUGH_MONEY')).toBe(true);
      expect(isTradingPlatformError(failure) && failure.retcode).toBe(10019);
      expect((await platform.getAccount(login)).balance.toFixed(2)).toBe(before.balance.toFixed(2));
    });

    it('changes group and leverage, and disables and enables trading', async () => {
      const login = await newAccount();
      await platform.changeGroup(login, 'real\\funded');
      await platform.changeLeverage(login, 30);
      await platform.disableTrading(login);
      let account = await platform.getAccount(login);
      expect([account.group, account.leverage, account.tradingEnabled]).toEqual(['real\\funded', 30, false]);
      await platform.enableTrading(login);
      account = await platform.getAccount(login);
      expect(account.tradingEnabled).toBe(true);
    });

    it('lists open positions and closes them all, booking the result', async () => {
      const login = await newAccount('50000');
      await harness.openPosition(login, 'buy');
      await harness.openPosition(login, 'sell');
      const open = await platform.openPositions(login);
      expect(open.map((position) => [position.symbol, position.side, position.volume.toFixed(2)]).sort()).toEqual([
        ['EURUSD', 'buy', '1.00'],
        ['EURUSD', 'sell', '1.00'],
      ]);
      const balanceBefore = (await platform.getAccount(login)).balance;
      const lastBefore = (await platform.dealsAfter(login, null)).at(-1)!.dealId;

      const report = await platform.closeAllPositions(login);
      expect(report.closed.map((entry) => entry.positionId).sort()).toEqual(open.map((position) => position.positionId).sort());
      expect(await platform.openPositions(login)).toEqual([]);

      const closingDeals = await platform.dealsAfter(login, lastBefore);
      expect(closingDeals.map((deal) => deal.dealId).sort()).toEqual(report.closed.map((entry) => entry.dealId).sort());
      expect(closingDeals.every((deal) => deal.entry === 'out')).toBe(true);
      const realised = closingDeals.reduce((total, deal) => total.plus(deal.profit).plus(deal.swap).plus(deal.commission), d(0));
      const after = await platform.getAccount(login);
      expect(after.balance.toFixed(2)).toBe(balanceBefore.plus(realised).toFixed(2));
      expect(after.equity.toFixed(2)).toBe(after.balance.toFixed(2));
      expect(after.margin.toFixed(2)).toBe('0.00');
    });

    it('resumes deals from the last seen ticket without loss or duplicates', async () => {
      const login = await newAccount();
      for (let i = 1; i <= 4; i += 1) {
        await platform.balanceOperation({ login, kind: 'deposit', amount: d(i), clientOperationId: `op-cursor-${i}` });
      }
      const everything = await platform.dealsAfter(login, null);
      const collected: Deal[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page: readonly Deal[] = await platform.dealsAfter(login, cursor, 2);
        if (page.length === 0) break;
        collected.push(...page);
        cursor = page.at(-1)!.dealId;
      }
      expect(collected.map((deal) => deal.dealId)).toEqual(everything.map((deal) => deal.dealId));
      const tickets = collected.map((deal) => BigInt(deal.dealId));
      expect(tickets.every((ticket, index) => index === 0 || ticket > tickets[index - 1]!)).toBe(true);

      const later = await platform.balanceOperation({ login, kind: 'deposit', amount: d('7'), clientOperationId: 'op-cursor-later' });
      expect((await platform.dealsAfter(login, cursor)).map((deal) => deal.dealId)).toEqual([later.dealId]);
    });

    it('lists the deals of a time range', async () => {
      const from = new Date(harness.now().getTime() - 60_000);
      const login = await newAccount();
      await platform.balanceOperation({ login, kind: 'deposit', amount: d('25'), clientOperationId: 'op-range' });
      const to = new Date(harness.now().getTime() + 60_000);
      const inRange = await platform.dealsBetween(login, from, to);
      expect(inRange.map((deal) => deal.profit.toFixed(2))).toEqual(['10000.00', '25.00']);
      for (const deal of inRange) expect(Math.abs(deal.time.getTime() - harness.now().getTime())).toBeLessThan(60_000);
      expect(await platform.dealsBetween(login, to, new Date(to.getTime() + 3_600_000))).toEqual([]);
    });

    it('streams the backlog and then each new deal, once, until unsubscribed', async () => {
      const login = await newAccount();
      const seen: string[] = [];
      const subscription = platform.subscribeDeals(login, null, (deal) => {
        seen.push(deal.profit.toFixed(2));
      });
      await vi.waitFor(() => expect(seen).toEqual(['10000.00']), { timeout: 5_000 });
      await platform.balanceOperation({ login, kind: 'deposit', amount: d('11'), clientOperationId: 'op-stream-1' });
      await platform.balanceOperation({ login, kind: 'withdrawal', amount: d('3'), clientOperationId: 'op-stream-2' });
      await vi.waitFor(() => expect(seen).toEqual(['10000.00', '11.00', '-3.00']), { timeout: 5_000 });
      subscription.unsubscribe();
      await platform.balanceOperation({ login, kind: 'deposit', amount: d('13'), clientOperationId: 'op-stream-3' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(seen).toEqual(['10000.00', '11.00', '-3.00']);
    });

    it('reports an unknown login as ACCOUNT_NOT_FOUND', async () => {
      expect(await codeOf(platform.getAccount('424242'))).toBe('PLATFORM.ACCOUNT_NOT_FOUND');
      expect(await codeOf(platform.disableTrading('424242'))).toBe('PLATFORM.ACCOUNT_NOT_FOUND');
      expect(
        await codeOf(platform.balanceOperation({ login: '424242', kind: 'deposit', amount: d(1), clientOperationId: 'op-ghost' })),
      ).toBe('PLATFORM.ACCOUNT_NOT_FOUND');
    });
  });
}
