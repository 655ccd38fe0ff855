import { CLOCK, OUTBOX_HANDLER, OUTBOX_STORE, WORKER_REGISTRY } from '@tradesense/application';
import type { Platform } from '@tradesense/bootstrap';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';

export interface RunningWorker {
  readonly id: string;
  stop(): Promise<void>;
}

/**
 * The worker process: it registers itself, keeps a heartbeat so that other
 * workers can tell it is alive, delivers the outbox, and deregisters on a
 * clean stop so its share of the work moves at once instead of after the
 * lease runs out.
 */
export async function startWorker(platform: Platform): Promise<RunningWorker> {
  const { id, heartbeatSeconds } = platform.config.worker;
  const registry = platform.get(WORKER_REGISTRY);
  const clock = platform.get(CLOCK);
  const log = platform.logger.child({ worker: id });

  await registry.register(id, clock.now());
  const dispatcher = new OutboxDispatcher({
    workerId: id,
    store: platform.get(OUTBOX_STORE),
    handlers: platform.getAll(OUTBOX_HANDLER),
    clock,
    logger: log,
  });
  dispatcher.start();
  log.info({ heartbeatSeconds }, 'worker started');

  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = registry.heartbeat(id, clock.now()).catch((error: unknown) => {
      log.warn({ err: error }, 'heartbeat failed');
    });
  }, heartbeatSeconds * 1000);
  timer.unref();

  let stopped = false;
  return {
    id,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await dispatcher.stop();
      await beating;
      await registry.deregister(id);
      log.info('worker stopped');
    },
  };
}
