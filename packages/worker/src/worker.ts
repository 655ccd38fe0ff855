import { CLOCK, JOB_LOCK, OUTBOX_HANDLER, OUTBOX_STORE, WORKER_REGISTRY } from '@tradesense/application';
import { TRADING_CALENDAR, type Platform } from '@tradesense/bootstrap';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import { createRiskMonitor } from './risk/create-risk-monitor.js';
import { platformJobs } from './jobs/platform-jobs.js';
import { Scheduler, type CheckpointHook } from './scheduler/scheduler.js';

/** Heartbeats missed before a worker's scheduled-job leases run out (as for the accounts it watches). */
export const MISSED_HEARTBEATS_BEFORE_JOB_TAKEOVER = 3;
/** Heartbeats missed before a worker's row is removed and whatever it still holds is released. */
export const MISSED_HEARTBEATS_BEFORE_PRUNING = 6;

export interface WorkerOptions {
  /** Called at each checkpoint of a scheduled job run (crash tests only). */
  readonly checkpoint?: CheckpointHook;
}

export interface RunningWorker {
  readonly id: string;
  stop(): Promise<void>;
}

/**
 * The worker process: it registers itself, keeps a heartbeat so that other
 * workers can tell it is alive (and removes workers whose heartbeat stopped,
 * releasing the job runs they held), watches its share of the accounts for
 * breaches (the risk monitor), runs the scheduled jobs, delivers the
 * outbox, and deregisters on a
 * clean stop so its share of the work moves at once instead of after the
 * lease runs out.
 */
export async function startWorker(platform: Platform, options: WorkerOptions = {}): Promise<RunningWorker> {
  const { id, heartbeatSeconds } = platform.config.worker;
  const registry = platform.get(WORKER_REGISTRY);
  const clock = platform.get(CLOCK);
  const log = platform.logger.child({ worker: id });

  const jobLock = platform.get(JOB_LOCK);
  await registry.register(id, clock.now());
  const dispatcher = new OutboxDispatcher({
    workerId: id,
    store: platform.get(OUTBOX_STORE),
    handlers: platform.getAll(OUTBOX_HANDLER),
    clock,
    logger: log,
    tracing: platform.tracing,
  });
  dispatcher.start();
  // The outbox backlog is the installation's, reported by the processes that deliver it.
  platform.metrics.watchOutbox();
  const scheduler = new Scheduler(platformJobs(platform.useCases, platform.get(TRADING_CALENDAR)), {
    workerId: id,
    clock,
    lock: jobLock,
    logger: log,
    leaseMs: heartbeatSeconds * 1000 * MISSED_HEARTBEATS_BEFORE_JOB_TAKEOVER,
    renewEveryMs: heartbeatSeconds * 1000,
    metrics: platform.metrics.jobs,
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
  });
  scheduler.start();
  // Watches the accounts this worker owns among the live workers; ownership is recomputed after each heartbeat.
  const riskMonitor = createRiskMonitor(platform, { workerId: id });
  await riskMonitor.start();
  log.info({ heartbeatSeconds, watchedAccounts: riskMonitor.watching().length }, 'worker started');

  /** Workers silent for too long are removed, and the scheduled-job runs they still held are released at once. */
  const pruneDeadWorkers = async (): Promise<void> => {
    try {
      const now = clock.now();
      const pruned = await registry.prune(new Date(now.getTime() - heartbeatSeconds * 1000 * MISSED_HEARTBEATS_BEFORE_PRUNING));
      if (pruned.length === 0) return;
      const released = await jobLock.release(pruned, now);
      log.warn({ pruned, releasedJobRuns: released }, 'removed workers that stopped sending heartbeats');
    } catch (error) {
      log.warn({ err: error }, 'pruning dead workers failed');
    }
  };

  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = registry
      .heartbeat(id, clock.now())
      .then(
        // The monitor logs its own failures; the next heartbeat tries again.
        () => Promise.all([riskMonitor.rebalance().catch(() => undefined), pruneDeadWorkers()]).then(() => undefined),
        (error: unknown) => log.warn({ err: error }, 'heartbeat failed'),
      );
  }, heartbeatSeconds * 1000);
  timer.unref();

  let stopped = false;
  return {
    id,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await beating;
      await scheduler.stop();
      await riskMonitor.stop();
      await dispatcher.stop();
      await registry.deregister(id);
      log.info('worker stopped');
    },
  };
}
