import type { RiskWatchSignalHandler } from '@tradesense/application';
import { Challenge, ChallengeModel, DEFAULT_CALENDAR_SETTINGS, RuleSnapshot, STELLAR_2STEP, unwrap } from '@tradesense/domain';
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
    announced: (key) => heard.push(key),
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

function activeChallenge(id: string, login: string, options: { phasePassed?: boolean } = {}): Challenge {
  const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
  const challenge = Challenge.create({ id, traderId: 'u-signal', rules, at });
  unwrap(challenge.activate(login, at));
  return options.phasePassed ? Challenge.restore({ ...challenge.toState(), phasePassed: true }) : challenge;
}

describeEachDatabase('risk watch signal', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);
  /** A committed announcement of `key`: once it is heard, everything committed before it was heard too. */
  const marker = (id: string) => uow().run((tx) => tx.riskWatch.announce({ kind: 'challenge', id }));

  beforeAll(async () => {
    await addUser(ctx.db.knex, 'u-signal');
  });

  it('an announcement is heard once its transaction commits, never when it rolls back', async () => {
    const { heard, handler } = recorder();
    const unlisten = await new PostgresRiskWatchSignals(ctx.db).listen(handler);
    await expect(
      uow().run(async (tx) => {
        await tx.riskWatch.announce({ kind: 'challenge', id: 'rolled-back' });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await uow().run(async (tx) => {
      await tx.riskWatch.announce({ kind: 'funded', id: 'f-committed' });
      // Still in the transaction, after another statement: nothing is delivered before the commit.
      await tx.challenges.findById('none');
      expect(heard).toEqual([]);
    });
    await vi.waitFor(() => expect(heard).toContain('funded:f-committed'));
    expect(heard).toEqual(['funded:f-committed']);
    await unlisten();
  });

  it('the challenge repository announces a challenge when the login watched for it changes, and only then', async () => {
    const { heard, handler } = recorder();
    const unlisten = await new PostgresRiskWatchSignals(ctx.db).listen(handler);
    // A new active challenge: announced.
    await uow().run((tx) => tx.challenges.save(activeChallenge('c-new', 'L-new')));
    // Saved again with nothing the monitor watches changed: not announced.
    await uow().run(async (tx) => tx.challenges.save((await tx.challenges.findById('c-new'))!));
    // A passed phase waits for its next account: not announced; the next phase's fresh account is.
    await uow().run((tx) => tx.challenges.save(activeChallenge('c-phase', 'L-phase-1', { phasePassed: true })));
    await uow().run(async (tx) => {
      const challenge = (await tx.challenges.findById('c-phase'))!;
      unwrap(challenge.startNextPhase('L-phase-2', at));
      await tx.challenges.save(challenge);
    });
    // The next phase rolled back: not announced.
    await uow().run((tx) => tx.challenges.save(activeChallenge('c-undone', 'L-undone-1', { phasePassed: true })));
    await expect(
      uow().run(async (tx) => {
        const challenge = (await tx.challenges.findById('c-undone'))!;
        unwrap(challenge.startNextPhase('L-undone-2', at));
        await tx.challenges.save(challenge);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await marker('end-of-saves');
    await vi.waitFor(() => expect(heard).toContain('end-of-saves'));
    expect(heard).toEqual(['c-new', 'c-phase', 'end-of-saves']);
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
      const announce = (id: string) => new PostgresRiskWatchAnnouncer(database.knex).announce({ kind: 'challenge', id });
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
