import { ClusterPlanError, clusterPlan, type ClusterPlan } from './cluster-plan.js';
import { ensureDatabase } from './ensure-database.js';
import { startCluster } from './supervisor.js';

/**
 * `npm run start:cluster`: server mode on this machine, against DATABASE_URL
 * (a local PostgreSQL by default; the database is created when missing),
 * with two API processes and two workers, each line prefixed by its process.
 * Ctrl-C (SIGINT) or SIGTERM stops them all; the supervisor exits once every
 * process has.
 */
function planOrExit(): ClusterPlan {
  try {
    return clusterPlan(process.env);
  } catch (error) {
    if (!(error instanceof ClusterPlanError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

const plan = planOrExit();
// The supervisor's own prefix, aligned with the processes' (see startCluster).
const CLUSTER = `${'cluster'.padEnd(Math.max('cluster'.length, ...plan.processes.map((p) => p.name.length)))} |`;
const redacted = new URL(plan.databaseUrl);
if (redacted.password) redacted.password = '***';
try {
  if (await ensureDatabase(plan.databaseUrl)) process.stdout.write(`${CLUSTER} created database ${redacted.pathname.slice(1)}\n`);
} catch (error) {
  process.stderr.write(`${CLUSTER} cannot reach PostgreSQL at ${redacted.toString()}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const cluster = startCluster(plan, { out: process.stdout });
process.on('SIGINT', () => cluster.stop('SIGINT'));
process.on('SIGTERM', () => cluster.stop('SIGTERM'));
process.exitCode = await cluster.exited;
