import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from './http-server.js';

describeEachPlatform('http skeleton', (ctx) => {
  let http: RunningHttpServer;
  beforeAll(async () => {
    http = await startHttpServer(ctx.platform);
  });
  afterAll(async () => {
    await http.stop();
  });

  it('answers /health and /ready', async () => {
    const health = await fetch(`${http.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${http.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: [{ name: 'database', ready: true }] });
  });

  it('echoes a safe request id and makes one up otherwise', async () => {
    const given = await fetch(`${http.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${http.url}/health`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a problem document', async () => {
    const response = await fetch(`${http.url}/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND', instance: '/nope' });
  });

  it('answers a malformed JSON body with a 400 problem, not a 500', async () => {
    const response = await fetch(`${http.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'HTTP.MALFORMED_BODY' });
  });

  it('reports not ready (503) when the database is gone', async () => {
    await ctx.platform.database.close();
    const ready = await fetch(`${http.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not_ready' });
  });
});
