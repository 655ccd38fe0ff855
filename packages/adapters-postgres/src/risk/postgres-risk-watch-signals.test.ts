import type { RiskWatchSignalHandler } from '@tradesense/application';
import { ChallengeModel, DEFAULT_CALENDAR_SETTINGS, RuleSnapshot, STELLAR_2STEP, TradingAccount, unwrap } from '@tradesense/domain';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../database/database.js';
import { describeEachDatabase, testTargets } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { PostgresRiskWatchAnnouncer, PostgresRiskWatchSignals } from './postgres-risk-watch-signals.js';

const at = new Date('2026-11-02T15:00:00Z');

/** Every signal one listener receives, in order. */
function recorder() {
  const heard: string[] = [];
  const events: string[] = [];
  const handler: RiskWatchSignalHandler = {
    announced: (login) => heard.push(login),
    resumed: () => events.push('resumed'),
    failed: () => events.push('failed'),
  };
  return { heard, events, handler };
}

async function addUser(knex: Knex, id: string): Promise<void> {
  await knex('users')
    .insert({
      id,
      email: `${id}@example.com`,
      password_hash: 'x',
      role: 'trader',
      country: 'DE',
      created_at: at,
      password_changed_at: at,
      version: 1,
    })
    .onConflict('id')
    .ignore();
}

/** A freshly opened trading account of a challenge's first phase. */
function openAccount(login: string): TradingAccount {
  const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
  const owner = { kind: 'challenge_phase', id: `c-${login}`, phase: 1, attempt: 1 } as const;
  return unwrap(TradingAccount.open({ login, traderId: 'u-signal', owner, rules, at }));
}

describeEachDatabase('risk watch signal', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);
  /** A committed announcement of `login`: once it is heard, everything committed before it was heard too. */
  const marker = (login: string) => uow().run((tx) => tx.riskWatch.announce(login));

  beforeAll(async () => {
    await addUser(ctx.db.knex, 'u-signal');
  });

  it('an announcement is heard once its transaction commits, never when it rolls back', async () => {
    const { heard, handler } = recorder();
    const unlisten = await new PostgresRiskWatchSignals(ctx.db).listen(handler);
    await expect(
      uow().run(async (tx) => {
        await tx.riskWatch.announce('rolled-back');
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await uow().run(async (tx) => {
      await tx.riskWatch.announce('L-committed');
      // Still in the transaction, after another statement: nothing is delivered before the commit.
      await tx.tradingAccounts.find('none');
      expect(heard).toEqual([]);
    });
    await vi.waitFor(() => expect(heard).toContain('L-committed'));
    expect(heard).toEqual(['L-committed']);
    await unlisten();
  });

  it('the trading account repository announces an account when it becomes watched, and only then', async () => {
    const { heard, handler } = recorder();
    const unlisten = await new PostgresRiskWatchSignals(ctx.db).listen(handler);
    // A new active account: announced.
    await uow().run((tx) => tx.tradingAccounts.save(openAccount('L-new')));
    // Saved again with nothing the monitor watches changed (a deal, an observation): not announced.
    await uow().run(async (tx) => tx.tradingAccounts.save((await tx.tradingAccounts.find('L-new'))!));
    // Closed when its phase ended: not announced.
    await uow().run(async (tx) => {
      const account = (await tx.tradingAccounts.find('L-new', { lock: true }))!;
      unwrap(account.close('phase_passed', at));
      await tx.tradingAccounts.save(account);
    });
    // Opened closed (a phase that ended at once): not announced.
    await uow().run(async (tx) => {
      const account = openAccount('L-closed');
      unwrap(account.close('phase_passed', at));
      await tx.tradingAccounts.save(account);
    });
    // Opened in a transaction that rolled back: not announced.
    await expect(
      uow().run(async (tx) => {
        await tx.tradingAccounts.save(openAccount('L-undone'));
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await uow().run((tx) => tx.tradingAccounts.save(openAccount('L-next')));
    await marker('end-of-saves');
    await vi.waitFor(() => expect(heard).toContain('end-of-saves'));
    expect(heard).toEqual(['L-new', 'L-next', 'end-of-saves']);
    await unlisten();
  });

  it('every listener hears each announcement; one that stopped hears nothing more', async () => {
    const first = recorder();
    const second = recorder();
    const signals = new PostgresRiskWatchSignals(ctx.db);
    const stopFirst = await signals.listen(first.handler);
    const stopSecond = await signals.listen(second.handler);
    await marker('both');
    await stopFirst();
    await marker('second-only');
    await vi.waitFor(() => expect(second.heard).toContain('second-only'));
    expect(second.heard).toEqual(['both', 'second-only']);
    expect(first.heard).toEqual(['both']);
    await stopSecond();
  });
});

// Only a server connection can be lost; PGlite is the process's own session.
for (const target of testTargets().filter((candidate) => candidate.driver === 'postgres')) {
  describe('risk watch signal: the listening connection [postgres]', () => {
    let database: Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ database, dispose } = await target.create());
    });
    afterAll(async () => {
      await dispose();
    });

    it('a listening connection that is cut is re-established, says so, and hears what follows', async () => {
      const { heard, events, handler } = recorder();
      const unlisten = await new PostgresRiskWatchSignals(database).listen(handler);
      const announce = (login: string) => new PostgresRiskWatchAnnouncer(database.knex).announce(login);
      await announce('before');
      await vi.waitFor(() => expect(heard).toEqual(['before']));

      const killed = await database.knex.raw(
        `select pg_terminate_backend(pid) as killed from pg_stat_activity
          where application_name = 'tradesense-listen' and datname = current_database()`,
      );
      expect(killed.rows).toEqual([{ killed: true }]);
      await vi.waitFor(() => expect(events).toEqual(['failed', 'resumed']), { timeout: 10_000 });
      await announce('after');
      await vi.waitFor(() => expect(heard).toEqual(['before', 'after']));
      await unlisten();
    });
  });
}
