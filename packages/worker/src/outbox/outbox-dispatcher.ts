import { handlesTopic, type Clock, type OutboxHandler, type OutboxStore, type StoredOutboxMessage } from '@tradesense/application';
import { disabledTracing, type PlatformTracing } from '@tradesense/bootstrap';
import type { Logger } from 'pino';

export interface DispatcherOptions {
  readonly workerId: string;
  readonly store: OutboxStore;
  readonly handlers: readonly OutboxHandler[];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly batchSize?: number;
  /** How long a claim lasts; a worker that dies releases its messages after this. */
  readonly leaseMs?: number;
  /** Attempts before a message is parked for an admin. */
  readonly maxAttempts?: number;
  readonly baseBackoffMs?: number;
  /** Each delivery is a span continuing the trace of the work that added the message (off by default). */
  readonly tracing?: PlatformTracing;
}

/**
 * Delivers committed outbox messages. Claims are leases, so a message whose
 * worker died mid-delivery is picked up again; handlers are idempotent by
 * message id, so a redelivery changes nothing more. Failures back off
 * exponentially and park after `maxAttempts`, visible to admins.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DispatcherOptions) {}

  /** One pass: claim a batch and settle each message; returns how many were handled. */
  async dispatchOnce(): Promise<number> {
    const { store, clock, workerId } = this.options;
    const now = clock.now();
    const leaseMs = this.options.leaseMs ?? 60_000;
    const batch = await store.claimDue(workerId, now, new Date(now.getTime() + leaseMs), this.options.batchSize ?? 50);
    const tracing = this.options.tracing ?? disabledTracing;
    for (const message of batch) {
      await tracing.inSpan(`outbox deliver ${message.topic}`, () => this.deliver(message), {
        kind: 'consumer',
        parent: message.traceParent,
        attributes: {
          'messaging.system': 'tradesense.outbox',
          'messaging.operation.type': 'process',
          'messaging.destination.name': message.topic,
          'messaging.message.id': message.id,
          'tradesense.outbox.attempt': message.attempts,
        },
      });
    }
    return batch.length;
  }

  /** Runs the message's handlers and settles it: delivered, or failed with a retry time (parked after the last attempt). */
  private async deliver(message: StoredOutboxMessage): Promise<void> {
    const { store, clock, workerId } = this.options;
    const handlers = this.options.handlers.filter((h) => handlesTopic(h, message.topic));
    try {
      // A topic nobody subscribes to (a bare domain event) is simply acknowledged.
      for (const handler of handlers) await handler.handle(message);
      const scrub = handlers.some((h) => h.sensitiveTopics?.includes(message.topic));
      await store.markDelivered(message.id, workerId, clock.now(), scrub);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const park = message.attempts >= (this.options.maxAttempts ?? 8);
      const backoff = (this.options.baseBackoffMs ?? 5_000) * 2 ** Math.min(message.attempts - 1, 12);
      await store.markFailed(message.id, workerId, reason, new Date(clock.now().getTime() + backoff), park);
      this.options.logger[park ? 'error' : 'warn']({ outboxId: message.id, topic: message.topic, attempts: message.attempts, err: error }, park ? 'outbox message parked' : 'outbox delivery failed; will retry');
    }
  }

  start(pollMs = 500): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.drain()).catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'outbox pass failed');
      });
    }, pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async drain(): Promise<void> {
    while ((await this.dispatchOnce()) === (this.options.batchSize ?? 50));
  }
}
