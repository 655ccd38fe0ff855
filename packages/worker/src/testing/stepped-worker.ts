import { CLOCK, JOB_LOCK, OUTBOX_HANDLER, OUTBOX_STORE, WORKER_REGISTRY } from '@tradesense/application';
import { TRADING_CALENDAR, type Platform } from '@tradesense/bootstrap';
import { platformJobs } from '../jobs/platform-jobs.js';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { createRiskMonitor } from '../risk/create-risk-monitor.js';
import type { RiskMonitor } from '../risk/risk-monitor.js';
import { Scheduler } from '../scheduler/scheduler.js';

/**
 * The worker's own parts (risk monitor, scheduler with every platform job,
 * outbox dispatcher with every handler), assembled as `startWorker` does but
 * without timers: a test on a `ManualClock` says when each part runs, so
 * journeys across days and weeks take seconds and always run the same way.
 */
export interface SteppedWorker {
  readonly id: string;
  readonly riskMonitor: RiskMonitor;
  /** A heartbeat at the clock's now, then the risk monitor takes the accounts it owns (new challenges, a next phase's account). */
  rebalance(): Promise<void>;
  /** What the monitor's reset timer does at a reset instant: every watched account closes its day. */
  rollover(at: Date): Promise<void>;
  /** One scheduler pass at the clock's now; returns the jobs that ran. */
  runDueJobs(): Promise<Array<{ job: string; dueAt: Date }>>;
  /** Delivers every committed outbox message due now, follow-ups they write included; returns how many. */
  deliverOutbox(): Promise<number>;
  /** Waits for the risk monitor's queued work (deals taken in, breaches handled, warnings stored). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSteppedWorker(platform: Platform, workerId = 'stepped-worker'): Promise<SteppedWorker> {
  const clock = platform.get(CLOCK);
  const registry = platform.get(WORKER_REGISTRY);
  const logger = platform.logger.child({ worker: workerId });
  await registry.register(workerId, clock.now());
  const dispatcher = new OutboxDispatcher({ workerId, store: platform.get(OUTBOX_STORE), handlers: platform.getAll(OUTBOX_HANDLER), clock, logger });
  const scheduler = new Scheduler(platformJobs(platform.useCases, platform.get(TRADING_CALENDAR)), {
    workerId,
    clock,
    lock: platform.get(JOB_LOCK),
    logger,
    metrics: platform.metrics.jobs,
  });
  platform.metrics.watchOutbox();
  const riskMonitor = createRiskMonitor(platform, { workerId });
  await riskMonitor.start();
  return {
    id: workerId,
    riskMonitor,
    async rebalance() {
      await registry.heartbeat(workerId, clock.now());
      await riskMonitor.rebalance();
    },
    async rollover(at) {
      riskMonitor.rollover(at);
      await riskMonitor.idle();
    },
    runDueJobs: () => scheduler.runDue(),
    async deliverOutbox() {
      let delivered = 0;
      for (let batch = await dispatcher.dispatchOnce(); batch > 0; batch = await dispatcher.dispatchOnce()) delivered += batch;
      return delivered;
    },
    idle: () => riskMonitor.idle(),
    async stop() {
      await riskMonitor.stop();
      await registry.deregister(workerId);
    },
  };
}

/** Databases several processes share (a PGlite data directory on disk, a PostgreSQL database), for tests that start and kill processes. */
export { processDatabaseTargets, type DatabaseLocation, type ProcessDatabaseTarget } from './process-database.js';
