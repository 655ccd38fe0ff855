import { createLogger, loadConfig } from '@tradesense/bootstrap';
import { pendingKycChallenge } from '@tradesense/bootstrap/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type RunningApp } from './start-app.js';
import { bashBlocks, describeFailure, runBashBlocks } from './testing/bash-examples.js';

// A run takes a few seconds on an idle machine; the limits only stop a hung example on a loaded one.
const RUN_LIMIT_MS = 120_000;
const TEST_LIMIT_MS = RUN_LIMIT_MS + 30_000;

const API_DOC = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));
const blocks = bashBlocks(readFileSync(API_DOC, 'utf8'));

/** A port nobody listens on now: the confirm links the simulated gateway issues must name the port the API really uses. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Every ```bash block of docs/api.md, run in order in one bash process against
 * the platform started exactly as `npm start` starts it (startApp: embedded
 * PGlite in a fresh data directory, simulated market running, worker, API,
 * first-boot logins). Only PGlite: that is what `npm start` runs, and server
 * mode has neither first-boot logins nor an in-process market shared by
 * several processes; the routes themselves run on both databases in their
 * own suites.
 *
 * The document is run twice. First as a reader on a fresh install meets it
 * (credentials read from first-boot-logins.txt, no challenge near KYC). Then
 * after the demo trader's challenge has passed its last phase, with the
 * credentials given as TRADER_* / ADMIN_* variables, so the KYC submission and
 * the admin approval run for real.
 */
describe('docs/api.md examples against npm start', () => {
  let app: RunningApp;
  let dataDir: string;
  let workDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tradesense-api-doc-'));
    workDir = mkdtempSync(join(tmpdir(), 'tradesense-api-doc-cwd-'));
    const config = loadConfig({
      TRADESENSE_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
      // Cheaper password hashing (test setting); everything else is the embedded default.
      NODE_ENV: 'test',
      // Both runs sign in from one address within a minute, more often than the default 20 allows.
      AUTH_RATE_LIMIT_PER_MINUTE: '200',
      // A new challenge account is watched from the worker's next heartbeat on, and the history
      // example waits for its deals: a 1 s heartbeat keeps that wait short (the default is 10 s).
      WORKER_HEARTBEAT_SECONDS: '1',
    });
    app = await startApp(config, createLogger('silent'));
  });

  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  const baseEnv = (): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: workDir,
    LANG: 'C.UTF-8',
    BASE: app.url,
    TRADESENSE_DATA_DIR: dataDir,
  });

  async function runDocument(env: Record<string, string>): Promise<string> {
    const run = await runBashBlocks(blocks, { cwd: workDir, env, timeoutMs: RUN_LIMIT_MS });
    if (run.exitCode !== 0 || run.timedOut) expect.fail(describeFailure(blocks, run));
    expect(run.lastBlock).toBe(blocks.length);
    return run.stdout;
  }

  it('has the examples: one fenced bash block per step, at least the main flows', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(20);
    expect(blocks[0]).toContain('BASE=${BASE:-http://localhost:3000}');
  });

  it('first boot printed the logins the document reads from the data directory', () => {
    expect(app.logins?.trader.email).toBe('demo-trader@tradesense.local');
    const file = readFileSync(join(dataDir, 'first-boot-logins.txt'), 'utf8');
    expect(file).toContain(app.logins!.trader.password);
    expect(file).toContain(app.logins!.admin.password);
  });

  it('runs every example on a fresh install', async () => {
    const stdout = await runDocument(baseEnv());
    // The KYC steps took the branch for a trader with no passed challenge.
    expect(stdout).toContain('KYC.NOT_REQUIRED');
  }, TEST_LIMIT_MS);

  it('runs every example again once the demo trader has passed a challenge: KYC is submitted and approved', async () => {
    const trader = (await app.platform.database.knex('users').where({ email: app.logins!.trader.email }).first('id')) as { id: string };
    await pendingKycChallenge(app.platform, { traderId: trader.id, at: new Date() });
    const stdout = await runDocument({
      ...baseEnv(),
      TRADER_EMAIL: app.logins!.trader.email,
      TRADER_PASSWORD: app.logins!.trader.password,
      ADMIN_EMAIL: app.logins!.admin.email,
      ADMIN_PASSWORD: app.logins!.admin.password,
    });
    expect(stdout).not.toContain('KYC.NOT_REQUIRED');
    const kyc = await app.platform.useCases.kycStatus.execute({ userId: trader.id });
    expect(kyc.ok && kyc.value.status).toBe('approved');
    // The agreement was signed earlier in the document, so the approval funds the trader: at once, or
    // through the worker's follow-up when the two activations meet.
    await vi.waitFor(
      async () => {
        const funded = await app.platform.useCases.listFundedAccounts.execute({ userId: trader.id });
        expect(funded.ok && funded.value.map((account) => account.status)).toEqual(['active']);
      },
      { timeout: 10_000, interval: 200 },
    );
  }, TEST_LIMIT_MS);
});
