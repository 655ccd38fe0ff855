import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresWebhookInbox } from '../webhooks/postgres-webhook-inbox.js';
import { PostgresAuditLog } from '../audit/postgres-audit-log.js';
import { PostgresJobLock } from './postgres-job-lock.js';

const due = new Date('2026-11-02T22:00:00Z');
const at = new Date('2026-11-02T22:00:01Z');

describeEachDatabase('job claims, webhook inbox, audit log', (ctx) => {
  it('lets exactly one of many concurrent claimants run a due job', async () => {
    const lock = new PostgresJobLock(ctx.db.knex);
    const results = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => lock.claim('day-rollover', due, w, at)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await lock.claim('day-rollover', new Date(due.getTime() + 86_400_000), 'w2', at)).toBe(true);
    await lock.finish('day-rollover', due, 'succeeded', at);
    expect(await lock.lastDue('day-rollover')).toEqual(new Date(due.getTime() + 86_400_000));
    expect(await lock.lastDue('never-ran')).toBeNull();
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
