import { TradingPlatformError } from '@tradesense/application';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.js';

describe('error handler', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    app.get('/unreachable', () => {
      throw new TradingPlatformError('PLATFORM.UNAVAILABLE', 'connect ECONNREFUSED 10.0.0.5:443');
    });
    app.get('/refused', () => {
      throw new TradingPlatformError('PLATFORM.REJECTED', 'retcode 10006', 10006);
    });
    app.get('/bug', () => {
      throw new Error('secret internals');
    });
    app.post('/json', (_req, res) => {
      res.json({ ok: true });
    });
    app.use(errorHandler);
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers an unreachable trading server with 503 PLATFORM.UNAVAILABLE and Retry-After, hiding the address', async () => {
    const response = await fetch(`${base}/unreachable`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ status: 503, code: 'PLATFORM.UNAVAILABLE', instance: '/unreachable' });
    expect(body).not.toContain('10.0.0.5');
  });

  it('answers another platform failure with 502 PLATFORM.REJECTED', async () => {
    const response = await fetch(`${base}/refused`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ status: 502, code: 'PLATFORM.REJECTED' });
  });

  it('answers a malformed JSON body with 400 HTTP.MALFORMED_BODY', async () => {
    const response = await fetch(`${base}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'HTTP.MALFORMED_BODY' });
  });

  it('answers anything else with a 500 that reveals nothing', async () => {
    const response = await fetch(`${base}/bug`);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ status: 500, code: 'HTTP.INTERNAL' });
    expect(body).not.toContain('secret internals');
  });
});
