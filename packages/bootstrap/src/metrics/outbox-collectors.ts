import type { Clock, OutboxBacklog, OutboxBacklogReader } from '@tradesense/application';
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../logging/logger.js';

/**
 * The outbox backlog, read once per scrape: the registry collects every
 * family at once, so the first gauge starts the query and the other two
 * await the same answer. When the database does not answer, the three read
 * NaN for that scrape: neither a reassuring 0 nor stale figures, and the
 * process's other metrics are still served.
 */
export function outboxCollectors(registry: Registry, reader: OutboxBacklogReader, clock: Clock, logger: Logger): void {
  let pending: Promise<OutboxBacklog | null> | null = null;
  const backlog = (): Promise<OutboxBacklog | null> => {
    pending ??= reader
      .backlog()
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'outbox backlog not read for metrics');
        return null;
      })
      .finally(() => setImmediate(() => (pending = null)));
    return pending;
  };
  const gauge = (name: string, help: string, value: (backlog: OutboxBacklog) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const figures = await backlog();
        this.set(figures ? value(figures) : Number.NaN);
      },
    });
  gauge('tradesense_outbox_undelivered', 'Outbox messages not yet delivered (parked ones excluded).', (b) => b.undelivered);
  gauge(
    'tradesense_outbox_oldest_undelivered_age_seconds',
    'Age of the oldest undelivered outbox message (0 when none waits).',
    (b) => (b.oldestUndeliveredAt ? Math.max(0, (clock.now().getTime() - b.oldestUndeliveredAt.getTime()) / 1000) : 0),
  );
  gauge('tradesense_outbox_parked', 'Outbox messages parked after repeated failures, waiting for an admin.', (b) => b.parked);
}
