import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { migrateToLatest } from '../migrations/index.js';
import { pingDatabase } from './ping.js';

describeEachDatabase('database harness', (ctx) => {
  it('answers a ping', async () => {
    expect(await pingDatabase(ctx.db.knex)).toBe(true);
  });

  it('returns NUMERIC, INT8 and DATE as exact strings', async () => {
    const result = await ctx.db.knex.raw(
      "select 12345678901234567.89::numeric as money, 9223372036854775807::int8 as big, '2026-03-08'::date as day",
    );
    const row = result.rows[0] as Record<string, unknown>;
    expect(row).toEqual({ money: '12345678901234567.89', big: '9223372036854775807', day: '2026-03-08' });
  });

  it('keeps NUMERIC exact through a table round trip', async () => {
    const knex = ctx.db.knex;
    await knex.schema.createTable('harness_amounts', (t) => {
      t.increments('id');
      t.decimal('amount', 20, 2).notNullable();
    });
    await knex('harness_amounts').insert([{ amount: '0.10' }, { amount: '0.20' }]);
    const [{ total }] = (await knex('harness_amounts').sum({ total: 'amount' })) as [{ total: string }];
    expect(total).toBe('0.30');
  });

  it('is migrated, and migrating again applies nothing', async () => {
    expect(await migrateToLatest(ctx.db.knex)).toEqual([]);
    const tables = await ctx.db.knex('knex_migrations').pluck('name');
    expect(tables).toContain('0001_infrastructure');
  });

  it('rolls back a failed transaction on this driver', async () => {
    const knex = ctx.db.knex;
    await expect(
      knex.transaction(async (trx) => {
        await trx('audit_log').insert({
          at: new Date('2026-01-01T00:00:00Z'),
          actor_role: 'system',
          action: 'probe',
          subject_type: 'harness',
          subject_id: '1',
          details: {},
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await knex('audit_log').where({ subject_type: 'harness' }).count({ n: '*' })).toEqual([{ n: '0' }]);
  });
});

describe('test targets', () => {
  it('include the real server exactly when TEST_DATABASE_URL is set', async () => {
    const { testTargets } = await import('../testing/test-databases.js');
    const drivers = testTargets().map((t) => t.driver);
    expect(drivers).toEqual(process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']);
  });
});
