import { READINESS_CHECK } from '@tradesense/application';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../testing/test-platform.js';
import { DATABASE } from '@tradesense/adapters-postgres';

describe('startPlatform', () => {
  const started: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const p of started) await p.close();
  });

  it('migrates the embedded database and binds the readiness checks', async () => {
    const platform = await startTestPlatform();
    started.push(platform);
    const checks = platform.getAll(READINESS_CHECK);
    expect(checks.map((c) => c.name)).toEqual(['database']);
    expect(await checks[0]!.isReady()).toBe(true);
    const migrations = await platform.get(DATABASE).knex('knex_migrations').pluck('name');
    expect(migrations).toContain('0001_infrastructure');
  });

  it('reports not ready once the database is closed', async () => {
    const platform = await startTestPlatform();
    await platform.close();
    await platform.close();
    const [check] = platform.getAll(READINESS_CHECK);
    expect(await check!.isReady()).toBe(false);
  });
});
