import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run start:cluster` as a real process tree: the supervisor (from the
 * sources, through tsx) on a scratch database of the TEST_DATABASE_URL
 * server, two API processes and two workers. It loads the platform four
 * times, so it runs only with a PostgreSQL server (as CI has), never on
 * PGlite.
 */
const serverUrl = process.env['TEST_DATABASE_URL'];
if (!serverUrl && process.env['CI'] === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set: the cluster test must run');

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'cluster-main.ts');
const PROBES = 1_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, output: () => string, timeoutMs = 150_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not in time\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe.skipIf(!serverUrl)('npm run start:cluster', () => {
  const name = `ts_cluster_${randomBytes(4).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(serverUrl ?? 'postgres://unused'), { pathname: `/${name}` }).toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'tradesense-cluster-'));
  let supervisor: ChildProcess | undefined;
  let output = '';
  let db: pg.Client | undefined;

  afterAll(async () => {
    await db?.end();
    if (supervisor && supervisor.exitCode === null && supervisor.signalCode === null) supervisor.kill('SIGKILL');
    for (const [, pid] of output.matchAll(/started \(pid (\d+)\)/g)) {
      try {
        process.kill(-Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`).finally(() => admin.end());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the database, starts two APIs and two workers that share the outbox, and stops them all on SIGINT', async () => {
    const ports = [await freePort(), await freePort()];
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    delete env['JWT_SECRET'];
    delete env['KYC_DOCUMENT_HASH_KEY'];
    supervisor = spawn(process.execPath, ['--conditions=@tradesense/source', '--import', 'tsx', MAIN], {
      cwd: dirname(MAIN),
      env: { ...env, NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: '2', CLUSTER_API_PORTS: ports.join(','), CLUSTER_WORKERS: '2', TRADESENSE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<string>((resolve) => supervisor!.once('exit', (code, signal) => resolve(signal ?? String(code))));
    supervisor.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const log = () => output;

    // Both APIs answer, each on its port.
    for (const port of ports) {
      await until(`API on ${port} ready`, async () => ((await fetch(`http://127.0.0.1:${port}/ready`)).ok ? true : undefined), log);
    }
    await until('both workers started', async () => (/^worker-1 +\|.*"msg":"worker started"/m.test(output) && /^worker-2 +\|.*"msg":"worker started"/m.test(output) ? true : undefined), log);
    expect(output).toMatch(new RegExp(`^cluster +\\| created database ${name}$`, 'm'));
    // Each line carries its process's prefix.
    expect(output).toMatch(/^api-1 +\| \{.*"msg":"http server listening"/m);
    expect(output).toMatch(/^api-2 +\| \{.*"msg":"http server listening"/m);

    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const workers = (await db.query<{ id: string }>('select id from workers order by id')).rows.map((r) => r.id);
    expect(workers).toHaveLength(2);

    // Work for the workers: messages of a topic no handler takes (acknowledged on delivery). Delivering them
    // takes longer than a worker's poll interval, so both claim batches.
    await db.query(`insert into outbox (topic, payload, occurred_at, available_at) select 'cluster.probe', '{}'::jsonb, now(), now() from generate_series(1, ${PROBES})`);
    await until(
      'probes delivered',
      async () => {
        const { rows } = await db!.query<{ delivered: string }>(`select count(*) as delivered from outbox where topic = 'cluster.probe' and status = 'delivered'`);
        return Number(rows[0]!.delivered) === PROBES ? true : undefined;
      },
      log,
      60_000,
    );
    const claimants = (await db.query<{ claimed_by: string }>(`select distinct claimed_by from outbox where topic = 'cluster.probe' order by claimed_by`)).rows.map((r) => r.claimed_by);
    expect(claimants).toEqual(workers);
    await db.end();
    db = undefined;

    const pids = [...output.matchAll(/^cluster +\| (\S+) started \(pid (\d+)\)$/gm)].map(([, process, pid]) => ({ process: process!, pid: Number(pid) }));
    expect(pids.map((p) => p.process)).toEqual(['api-1', 'api-2', 'worker-1', 'worker-2']);
    supervisor.kill('SIGINT');
    expect(await exited).toBe('0');
    for (const { process: child } of pids) expect(output).toMatch(new RegExp(`^cluster +\\| ${child} exited \\(code 0\\)$`, 'm'));
    for (const { pid } of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 240_000);
});
