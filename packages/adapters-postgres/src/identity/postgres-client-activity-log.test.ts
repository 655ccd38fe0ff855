import { INVALID_CURSOR, NO_CLIENT, clientActivityEntry, type StoredClientActivity } from '@tradesense/application';
import { User, unwrap } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute));
const client = { ip: '203.0.113.7', deviceId: 'device-aaaa-1', userAgent: 'Mozilla/5.0' };

describeEachDatabase('client activity log', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);

  it('records entries and lists them by user, by ip and by device, newest first', async () => {
    await uow().run(async (tx) => {
      for (const id of ['ca-u1', 'ca-u2']) {
        await tx.users.save(unwrap(User.register({ id, email: `${id}@example.com`, passwordHash: 'h', role: 'trader', country: 'DE', at: at(0) })));
      }
    });
    await uow().run(async (tx) => {
      await tx.clientActivity.record(clientActivityEntry('ca-u1', 'sign_in', null, client, at(1)));
      await tx.clientActivity.record(clientActivityEntry('ca-u1', 'trade', '5001', client, at(2)));
      await tx.clientActivity.record(clientActivityEntry('ca-u2', 'sign_in', null, { ...client, deviceId: 'device-bbbb-2' }, at(3)));
      await tx.clientActivity.record(clientActivityEntry('ca-u2', 'refresh', null, NO_CLIENT, at(4)));
    });
    const page = { cursor: null, limit: 10 };
    const kinds = (items: readonly StoredClientActivity[]) => items.map((e) => `${e.userId}:${e.kind}`);
    await uow().run(async (tx) => {
      const mine = await tx.clientActivity.listByUser('ca-u1', page);
      expect(kinds(mine.items)).toEqual(['ca-u1:trade', 'ca-u1:sign_in']);
      expect(mine.items[0]).toMatchObject({ login: '5001', ip: '203.0.113.7', deviceId: 'device-aaaa-1', userAgent: 'Mozilla/5.0', at: at(2) });
      expect(mine.nextCursor).toBeNull();
      expect(kinds((await tx.clientActivity.listByIp('203.0.113.7', page)).items)).toEqual(['ca-u2:sign_in', 'ca-u1:trade', 'ca-u1:sign_in']);
      expect(kinds((await tx.clientActivity.listByDevice('device-aaaa-1', page)).items)).toEqual(['ca-u1:trade', 'ca-u1:sign_in']);
      expect((await tx.clientActivity.listByUser('ca-u2', page)).items[0]).toMatchObject({ kind: 'refresh', ip: null, deviceId: null, userAgent: null });
    });
  });

  it('pages with an opaque cursor and refuses a forged one', async () => {
    const first = await uow().run((tx) => tx.clientActivity.listByIp('203.0.113.7', { cursor: null, limit: 2 }));
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await uow().run((tx) => tx.clientActivity.listByIp('203.0.113.7', { cursor: first.nextCursor, limit: 2 }));
    expect(second.items.map((e) => e.kind)).toEqual(['sign_in']);
    expect(second.items[0]!.userId).toBe('ca-u1');
    expect(second.nextCursor).toBeNull();
    await expect(uow().run((tx) => tx.clientActivity.listByUser('ca-u1', { cursor: 'not-a-cursor', limit: 2 }))).rejects.toMatchObject({ code: INVALID_CURSOR });
  });

  it('keeps a user agent to its first 256 characters', async () => {
    await uow().run((tx) => tx.clientActivity.record(clientActivityEntry('ca-u1', 'sign_in', null, { ...client, userAgent: 'x'.repeat(1000) }, at(5))));
    const [latest] = (await uow().run((tx) => tx.clientActivity.listByUser('ca-u1', { cursor: null, limit: 1 }))).items;
    expect(latest!.userAgent).toBe('x'.repeat(256));
  });

  it('refuses a trade without its login and an unknown kind', async () => {
    await expect(uow().run((tx) => tx.clientActivity.record(clientActivityEntry('ca-u1', 'trade', null, client, at(6))))).rejects.toThrow();
    await expect(
      uow().run((tx) => tx.clientActivity.record({ ...clientActivityEntry('ca-u1', 'sign_in', null, client, at(6)), kind: 'other' as never })),
    ).rejects.toThrow();
  });
});
