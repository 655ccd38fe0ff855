import { ConcurrencyConflict } from '@tradesense/application';
import { User, unwrap } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';

const at = new Date('2026-11-02T10:00:00Z');

describeEachDatabase('user repository', (ctx) => {
  it('round-trips a user and bumps the version on each save', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const user = unwrap(User.register({ id: 'u1', email: 'a@example.com', passwordHash: 'h1', role: 'trader', country: 'DE', at }));
    await uow.run((tx) => tx.users.save(user));
    await uow.run(async (tx) => {
      const loaded = (await tx.users.findByEmail('a@example.com'))!;
      expect(loaded.toState()).toEqual(user.toState());
      loaded.changePassword('h2', at);
      await tx.users.save(loaded);
      loaded.changePassword('h3', at);
      await tx.users.save(loaded);
    });
    expect(await ctx.db.knex('users').where({ id: 'u1' }).first()).toMatchObject({ password_hash: 'h3', version: 3 });
  });

  it('fails a stale write with a typed conflict and keeps the winner', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const first = await uow.run((tx) => tx.users.findById('u1'));
    const second = await uow.run((tx) => tx.users.findById('u1'));
    // Each unit of work tracks its own versions: load and save inside one.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = uow.run(async (tx) => {
      const user = (await tx.users.findById('u1'))!;
      await gate;
      user.changePassword('slow', at);
      await tx.users.save(user);
    });
    expect(first && second).toBeTruthy();
    if (ctx.db.driver === 'pglite') {
      // One connection: transactions run one after the other, so simulate the
      // interleaving with two sequential units of work over a stale copy.
      release();
      await slow;
      const stale = User.restore((await uow.run((tx) => tx.users.findById('u1')))!.toState());
      const tracker = await import('../uow/version-tracker.js');
      const versions = new tracker.VersionTracker();
      versions.loaded(stale, 3);
      stale.changePassword('stale', at);
      await expect(
        ctx.db.knex.transaction((trx) => versions.save(trx, 'users', 'user', stale, 'u1', { password_hash: 'stale' })),
      ).rejects.toBeInstanceOf(ConcurrencyConflict);
    } else {
      const fast = uow.run(async (tx) => {
        const user = (await tx.users.findById('u1'))!;
        user.changePassword('fast', at);
        await tx.users.save(user);
      });
      await fast;
      release();
      await expect(slow).rejects.toBeInstanceOf(ConcurrencyConflict);
    }
    const row = await ctx.db.knex('users').where({ id: 'u1' }).first();
    expect(row.version).toBe(4);
    expect(['slow', 'fast']).toContain(row.password_hash);
  });

  it('maps a duplicate e-mail to USER.EMAIL_TAKEN', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const dup = unwrap(User.register({ id: 'u2', email: 'a@example.com', passwordHash: 'h', role: 'trader', country: 'DE', at }));
    await expect(uow.run((tx) => tx.users.save(dup))).rejects.toMatchObject({ code: 'USER.EMAIL_TAKEN' });
  });
});
