import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AffiliateDashboard, CompetitionList, MyCompetitionEntry } from '../schemas/community-schemas.js';
import { startHttpServer, type RunningHttpServer } from '../app/http-server.js';
import { caller, client, type Caller } from '../testing/http-test-kit.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeEachPlatform('community over HTTP', (ctx) => {
  let http: RunningHttpServer;
  let trader: Caller;
  let other: Caller;
  let admin: Caller;
  const call = client(() => http.url);
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
    [trader, other, admin] = await Promise.all([caller(ctx.platform), caller(ctx.platform), caller(ctx.platform, 'admin')]);
  });
  afterAll(async () => {
    await http.stop();
  });

  let competitionId = '';
  let entryId = '';

  it('lets an admin open a competition that traders enter; standings are public', async () => {
    const body = {
      name: 'November Cup',
      registrationOpens: day(-2),
      registrationCloses: day(3),
      starts: day(4),
      ends: day(12),
      prizePool: '500.00',
      prizes: [{ rank: 1, kind: 'cash', amount: '500.00' }],
    };
    expect((await call('POST', '/v1/admin/competitions', trader, body)).status).toBe(403);
    const created = await call('POST', '/v1/admin/competitions', admin, body);
    expect(created.body).toMatchObject({ competitionId: expect.any(String) });
    expect(created.status).toBe(201);
    competitionId = created.body.competitionId;

    const list = await call('GET', '/v1/competitions');
    expect(list.status).toBe(200);
    CompetitionList.parse(list.body);
    expect(list.body.competitions.map((c: { id: string }) => c.id)).toContain(competitionId);
    const entered = await call('POST', `/v1/competitions/${competitionId}/entries`, trader, {});
    expect(entered.status).toBe(201);
    entryId = entered.body.entryId;
    const mine = await call('GET', `/v1/competitions/${competitionId}/entries/me`, trader);
    expect(mine.status).toBe(200);
    MyCompetitionEntry.parse(mine.body);
    expect(mine.body.entryId).toBe(entryId);
    expect((await call('GET', `/v1/competitions/${competitionId}/entries/me`, other)).status).toBe(404);
    expect((await call('GET', `/v1/competitions/${competitionId}/leaderboard`)).status).toBe(200);
    expect((await call('GET', '/v1/leaderboard')).status).toBe(200);
  });

  it('disqualifies an entry only for admins, with a reason', async () => {
    const path = `/v1/admin/competitions/${competitionId}/entries/${entryId}/disqualify`;
    expect((await call('POST', path, trader, { reason: 'copy trading' })).status).toBe(403);
    expect((await call('POST', path, admin, {})).status).toBe(400);
    expect((await call('POST', path, admin, { reason: 'copy trading' })).status).toBe(200);
    expect((await call('GET', `/v1/competitions/${competitionId}/entries/me`, trader)).body.status).toBe('disqualified');
    const audit = await call('GET', '/v1/admin/audit-log', admin);
    expect(audit.status).toBe(200);
    expect(audit.body.entries.length).toBeGreaterThan(0);
    expect((await call('GET', '/v1/admin/audit-log', trader)).status).toBe(403);
  });

  it('registers an affiliate, sets the attribution cookie on a click, and links a signup', async () => {
    const registered = await call('POST', '/v1/affiliates', trader);
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ code: expect.any(String) });
    const click = await call('GET', `/v1/referrals/${registered.body.code}`);
    expect(click.status).toBe(200);
    const setCookie = click.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=\d+/);
    const cookie = setCookie.split(';')[0]!;
    // Attribution needs the click before the signup.
    const referred = await caller(ctx.platform);
    expect((await call('POST', '/v1/referrals/link', referred)).status).toBe(422);
    const linked = await call('POST', '/v1/referrals/link', referred, undefined, { cookie });
    expect(linked.body).toEqual({ linked: true });
    const dashboard = await call('GET', '/v1/affiliates/me/dashboard', trader);
    expect(dashboard.status).toBe(200);
    AffiliateDashboard.parse(dashboard.body);
    expect(dashboard.body).toMatchObject({ clicks: 1, signups: 1 });
    expect((await call('GET', '/v1/affiliates/me/dashboard', other)).status).toBe(404);
  });
});
