import { UNIT_OF_WORK, OUTBOX_STORE } from '@tradesense/application';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { caller, type Caller } from '../testing/http-test-kit.js';

describeEachPlatform('parked deliveries over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let admin: Caller;
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform, 'admin')]);
  });
  afterAll(async () => {
    await http.stop();
  });

  it('shows admins the deliveries that kept failing, without their payload, and requeues one once', async () => {
    const at = new Date('2026-11-02T12:00:00Z');
    await ctx.platform.get(UNIT_OF_WORK).run((tx) =>
      tx.outbox.add([{ topic: 'email.breach', aggregateType: 'challenge', aggregateId: 'c1', payload: { to: 'x@example.com' }, occurredAt: at }]),
    );
    const store = ctx.platform.get(OUTBOX_STORE);
    const [claimed] = await store.claimDue('w1', at, new Date(at.getTime() + 60_000), 10);
    await store.markFailed(claimed!.id, 'w1', 'mailbox unavailable', at, true);

    expect((await fetch(`${http.url}/v1/admin/outbox/parked`, { headers: trader.headers })).status).toBe(403);
    const listed = await fetch(`${http.url}/v1/admin/outbox/parked`, { headers: admin.headers });
    const body = (await listed.json()) as { items: Array<Record<string, unknown>> };
    expect(body.items).toEqual([
      { id: claimed!.id, topic: 'email.breach', aggregateType: 'challenge', aggregateId: 'c1', attempts: 1, lastError: 'mailbox unavailable', occurredAt: at.toISOString() },
    ]);

    const requeue = () => fetch(`${http.url}/v1/admin/outbox/${claimed!.id}/requeue`, { method: 'POST', headers: admin.headers });
    expect((await requeue()).status).toBe(200);
    const again = await requeue();
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 'OUTBOX.NOT_FOUND' });
    expect((await (await fetch(`${http.url}/v1/admin/outbox/parked`, { headers: admin.headers })).json()) as unknown).toEqual({ items: [] });
    const audit = (await (await fetch(`${http.url}/v1/admin/audit-log?subjectType=outbox_message`, { headers: admin.headers })).json()) as {
      entries: Array<{ action: string; actorId: string }>;
    };
    expect(audit.entries[0]).toMatchObject({ action: 'outbox.requeued', actorId: admin.userId });
  });
});
