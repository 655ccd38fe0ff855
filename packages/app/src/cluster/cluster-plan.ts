import { hostname } from 'node:os';
import { resolve } from 'node:path';
// The embedded mode's rule for generated secrets, from its own light module: the supervisor does not load the platform.
import { embeddedSecret as clusterSecret } from '@tradesense/bootstrap/embedded-secret';

/** What `npm run start:cluster` runs against a local PostgreSQL when DATABASE_URL is unset. */
export const DEFAULT_CLUSTER_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tradesense';

export type ProcessKind = 'http' | 'worker';

export interface ClusterProcess {
  /** Its log line prefix: `api-1`, `api-2`, `worker-1`, … */
  readonly name: string;
  readonly kind: ProcessKind;
  /** Variables on top of the cluster's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Where an API process answers (`/ready`); undefined for a worker. */
  readonly readyUrl?: string;
}

export interface ClusterPlan {
  readonly databaseUrl: string;
  /** Every process's environment: the caller's, with the database and the shared secrets. */
  readonly env: Readonly<Record<string, string>>;
  /** The first API process migrates; the others start once it is ready. */
  readonly processes: readonly ClusterProcess[];
}

export class ClusterPlanError extends Error {}

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 16) throw new ClusterPlanError(`${name} must be a whole number from 1 to 16`);
  return parsed;
}

function ports(value: string | undefined): number[] {
  const list = (value ?? '3000,3001').split(',').map((p) => p.trim()).filter(Boolean).map(Number);
  if (list.length === 0 || list.some((p) => !Number.isInteger(p) || p < 1 || p > 65_535) || new Set(list).size !== list.length) {
    throw new ClusterPlanError('CLUSTER_API_PORTS must list distinct ports, e.g. 3000,3001');
  }
  return list;
}

/**
 * The processes of a local cluster: one API process per port of
 * CLUSTER_API_PORTS (3000 and 3001 by default) and CLUSTER_WORKERS workers
 * (2), all in server mode on one database. Every process runs the simulated
 * market itself (docs/trading-platform.md), so no separate price-feed
 * process exists. Secrets missing from the environment are generated once
 * into the data directory, so a restarted cluster keeps its sessions and its
 * KYC document hashes.
 */
export function clusterPlan(env: Readonly<Record<string, string | undefined>>): ClusterPlan {
  const databaseUrl = env['DATABASE_URL']?.trim() || DEFAULT_CLUSTER_DATABASE_URL;
  const dataDir = resolve(env['TRADESENSE_DATA_DIR'] ?? '.tradesense');
  const host = env['HOST'] ?? '127.0.0.1';
  const readyHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const apiPorts = ports(env['CLUSTER_API_PORTS']);
  const workers = count(env['CLUSTER_WORKERS'], 2, 'CLUSTER_WORKERS');
  const shared: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) shared[key] = value;
  Object.assign(shared, {
    DATABASE_URL: databaseUrl,
    TRADESENSE_DATA_DIR: dataDir,
    JWT_SECRET: env['JWT_SECRET'] || clusterSecret(dataDir, 'cluster-jwt'),
    KYC_DOCUMENT_HASH_KEY: env['KYC_DOCUMENT_HASH_KEY'] || clusterSecret(dataDir, 'cluster-kyc-document-hash'),
  });
  const processes: ClusterProcess[] = apiPorts.map((port, index) => ({
    name: `api-${index + 1}`,
    kind: 'http',
    env: { PORT: String(port), MIGRATE_ON_START: index === 0 ? (env['MIGRATE_ON_START'] ?? 'true') : 'false' },
    readyUrl: `http://${readyHost.includes(':') ? `[${readyHost}]` : readyHost}:${port}/ready`,
  }));
  for (let index = 1; index <= workers; index++) {
    processes.push({ name: `worker-${index}`, kind: 'worker', env: { MIGRATE_ON_START: 'false', WORKER_ID: `${hostname()}-worker-${index}` } });
  }
  return { databaseUrl, env: shared, processes };
}
