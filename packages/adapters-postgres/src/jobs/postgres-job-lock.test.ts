import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresWebhookInbox } from '../webhooks/postgres-webhook-inbox.js';
import { PostgresAuditLog } from '../audit/postgres-audit-log.js';
import { ListedMigrationSource, migrateToLatest } from '../migrations/index.js';
import { PostgresJobLock } from './postgres-job-lock.js';

const due = new Date('2026-11-02T22:00:00Z');
const at = new Date('2026-11-02T22:00:01Z');

describeEachDatabase('job claims, webhook inbox, audit log', (ctx) => {
  const lease = (seconds: number) => new Date(at.getTime() + seconds * 1000);
  const day = 86_400_000;

  it('lets exactly one of many concurrent claimants run a due job', async () => {
    const lock = new PostgresJobLock(ctx.db.knex);
    const results = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => lock.claim('day-rollover', due, w, at, lease(30), { retry: true })));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.find(Boolean)!;
    expect(winner).toMatchObject({ status: 'running', attempts: 1, leaseExpiresAt: lease(30), claimedAt: at, dueAt: due });
    expect(await lock.claim('day-rollover', new Date(due.getTime() + day), 'w2', at, lease(30))).not.toBeNull();
    expect(await lock.succeed('day-rollover', due, winner.claimedBy, 1, at)).toBe(true);
    expect(await lock.lastDue('day-rollover')).toEqual(new Date(due.getTime() + day));
    expect(await lock.lastDue('never-ran')).toBeNull();
    // A finished run is never claimed again.
    expect(await lock.claim('day-rollover', due, 'w3', lease(3600), lease(3630), { retry: true })).toBeNull();
  });

  it('keeps a renewed lease, and hands an expired one to exactly one of several takers', async () => {
    const lock = new PostgresJobLock(ctx.db.knex);
    const first = (await lock.claim('leases', due, 'w1', at, lease(30)))!;
    expect(await lock.renew('leases', due, 'w1', first.attempts, lease(60))).toBe(true);
    // Still held at 45 s thanks to the renewal.
    expect(await lock.claim('leases', due, 'w2', lease(45), lease(75), { retry: true })).toBeNull();
    // w1 died: after its lease, several workers race for the run and one wins.
    const racers = await Promise.all(['w2', 'w3', 'w4'].map((w) => lock.claim('leases', due, w, lease(61), lease(91), { retry: true })));
    const taker = racers.find(Boolean)!;
    expect(racers.filter(Boolean)).toHaveLength(1);
    expect(taker).toMatchObject({ status: 'running', attempts: 2, leaseExpiresAt: lease(91) });
    // The old holder is fenced off: it can neither renew nor finish the run it lost.
    expect(await lock.renew('leases', due, 'w1', 1, lease(120))).toBe(false);
    expect(await lock.succeed('leases', due, 'w1', 1, lease(62))).toBe(false);
    expect(await lock.fail('leases', due, 'w1', 1, lease(62), 'late', null)).toBe(false);
    expect(await lock.succeed('leases', due, taker.claimedBy, 2, lease(70))).toBe(true);
    expect((await lock.backlog(['leases'])).get('leases')).toEqual({ lastDue: due, unfinished: [] });
  });

  it('retries a failed run only from its next attempt, and records the error', async () => {
    const lock = new PostgresJobLock(ctx.db.knex);
    const claimed = (await lock.claim('retries', due, 'w1', at, lease(30)))!;
    expect(await lock.fail('retries', due, 'w1', claimed.attempts, lease(1), 'platform unreachable', lease(10))).toBe(true);
    const [failed] = (await lock.backlog(['retries'])).get('retries')!.unfinished;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: 'platform unreachable', nextAttemptAt: lease(10), leaseExpiresAt: null });
    expect(await lock.claim('retries', due, 'w2', lease(9), lease(39), { retry: true })).toBeNull();
    // Without `retry`, only a first claim is made.
    expect(await lock.claim('retries', due, 'w2', lease(10), lease(40))).toBeNull();
    const retry = (await lock.claim('retries', due, 'w2', lease(10), lease(40), { retry: true }))!;
    expect(retry).toMatchObject({ status: 'running', attempts: 2, claimedBy: 'w2', nextAttemptAt: null, lastError: 'platform unreachable' });
    // A final failure (no next attempt) is not retried and no longer counts as unfinished.
    expect(await lock.fail('retries', due, 'w2', 2, lease(11), 'refused', null)).toBe(true);
    expect(await lock.claim('retries', due, 'w3', lease(3600), lease(3630), { retry: true })).toBeNull();
    expect((await lock.backlog(['retries'])).get('retries')!.unfinished).toEqual([]);
  });

  it('closes only runs nobody holds, and releases the leases of dead workers', async () => {
    const lock = new PostgresJobLock(ctx.db.knex);
    const held = (await lock.claim('closing', due, 'w1', at, lease(30)))!;
    expect(await lock.close('closing', due, 'abandoned', lease(10), 'interrupted')).toBe(false);
    // w1 is pruned as dead: its lease ends now, so the run is free before its lease would have run out.
    expect(await lock.release(['w1', 'w9'], lease(10))).toBe(1);
    expect(await lock.close('closing', due, 'abandoned', lease(10), 'interrupted and not safe to repeat')).toBe(true);
    expect(await lock.succeed('closing', due, 'w1', held.attempts, lease(11))).toBe(false);
    const later = new Date(due.getTime() + 60_000);
    await lock.claim('closing', later, 'w2', at, lease(30));
    await lock.fail('closing', later, 'w2', 1, lease(1), 'boom', lease(5));
    expect(await lock.close('closing', later, 'superseded', lease(2), 'a later run does its work')).toBe(true);
    const rows = (await ctx.db.knex('job_runs').where({ job: 'closing' }).orderBy('due_at')) as Array<{ status: string; last_error: string; lease_expires_at: Date | null }>;
    expect(rows.map((row) => [row.status, row.last_error, row.lease_expires_at])).toEqual([
      ['abandoned', 'interrupted and not safe to repeat', null],
      ['superseded', 'boom / a later run does its work', null],
    ]);
    expect((await lock.backlog(['closing', 'nothing'])).get('nothing')).toEqual({ lastDue: null, unfinished: [] });
  });

  it('migrates the claims made before leases: succeeded stay, failed become retryable, unfinished get an expired lease', async () => {
    const knex = ctx.db.knex;
    await knex('job_runs').delete();
    await knex.migrate.down({ migrationSource: new ListedMigrationSource(), name: '0011_job_leases' });
    const claimedAt = new Date('2026-11-01T22:00:16Z');
    await knex('job_runs').insert([
      { job: 'day-rollover', due_at: new Date('2026-10-30T21:00:15Z'), claimed_by: 'old', claimed_at: claimedAt, finished_at: claimedAt, outcome: 'succeeded' },
      { job: 'day-rollover', due_at: new Date('2026-10-31T21:00:15Z'), claimed_by: 'old', claimed_at: claimedAt, finished_at: claimedAt, outcome: 'failed' },
      { job: 'day-rollover', due_at: new Date('2026-11-01T22:00:15Z'), claimed_by: 'old', claimed_at: claimedAt },
    ]);
    expect(await migrateToLatest(knex)).toEqual(['0011_job_leases']);
    const lock = new PostgresJobLock(knex);
    const backlog = (await lock.backlog(['day-rollover'])).get('day-rollover')!;
    expect(backlog.lastDue).toEqual(new Date('2026-11-01T22:00:15Z'));
    expect(backlog.unfinished.map((run) => [run.dueAt.toISOString(), run.status, run.attempts, run.nextAttemptAt, run.leaseExpiresAt])).toEqual([
      ['2026-10-31T21:00:15.000Z', 'failed', 1, claimedAt, null],
      ['2026-11-01T22:00:15.000Z', 'running', 1, null, new Date(claimedAt.getTime() + 10 * 60_000)],
    ]);
    expect((await knex('job_runs').where({ status: 'succeeded' })).length).toBe(1);
    // Both can be taken over by the scheduler now.
    const now = new Date('2026-11-02T12:00:00Z');
    expect(await lock.claim('day-rollover', new Date('2026-10-31T21:00:15Z'), 'new', now, lease(30), { retry: true })).toMatchObject({ attempts: 2 });
    expect(await lock.claim('day-rollover', new Date('2026-11-01T22:00:15Z'), 'new', now, lease(30), { retry: true })).toMatchObject({ attempts: 2 });
    await expect(knex('job_runs').insert({ job: 'x', due_at: now, claimed_by: 'w', claimed_at: now, status: 'unknown' })).rejects.toThrow();
  });

  it('records a provider event once', async () => {
    const inbox = new PostgresWebhookInbox(ctx.db.knex);
    expect(await inbox.record('stripe', 'evt_1', 'checkout.session.completed', at)).toBe(true);
    expect(await inbox.record('stripe', 'evt_1', 'checkout.session.completed', at)).toBe(false);
    expect(await inbox.record('paypal', 'evt_1', 'PAYMENT.CAPTURE.COMPLETED', at)).toBe(true);
  });

  it('appends audit entries and pages them newest first', async () => {
    const log = new PostgresAuditLog(ctx.db.knex);
    for (const action of ['breach.detected', 'breach.overridden', 'model.edited']) {
      await log.append({ at, actorId: 'admin-1', actorRole: 'admin', action, subjectType: 'challenge', subjectId: 'c1', details: { reason: action } });
    }
    const page1 = await log.list({ subjectType: 'challenge', subjectId: 'c1', limit: 2 });
    expect(page1.map((e) => e.action)).toEqual(['model.edited', 'breach.overridden']);
    const page2 = await log.list({ subjectType: 'challenge', subjectId: 'c1', limit: 2, before: page1[1]!.id });
    expect(page2.map((e) => [e.action, e.details])).toEqual([['breach.detected', { reason: 'breach.detected' }]]);
  });
});
