import { domainError, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../ports/clock.js';
import type { OutboxStore, StoredOutboxMessage } from '../ports/outbox.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';

export interface ParkedDelivery {
  readonly id: string;
  readonly topic: string;
  readonly aggregateType: string | null;
  readonly aggregateId: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly occurredAt: Date;
}

const view = (m: StoredOutboxMessage): ParkedDelivery => ({
  id: m.id,
  topic: m.topic,
  aggregateType: m.aggregateType ?? null,
  aggregateId: m.aggregateId ?? null,
  attempts: m.attempts,
  lastError: m.lastError ?? null,
  occurredAt: m.occurredAt,
});

/**
 * Deliveries that kept failing (e-mails, platform commands, follow-ups) wait
 * parked for an admin, who can read why and put them back in the queue once
 * the cause is fixed. Payloads are not shown: they may hold personal data.
 */
export class ParkedDeliveries {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async list(limit = 50): Promise<Result<{ items: ParkedDelivery[] }, DomainError>> {
    return ok({ items: (await this.outbox.listParked(Math.min(Math.max(limit, 1), 200))).map(view) });
  }

  async requeue(input: { actorId: string; messageId: string }): Promise<Result<{ messageId: string }, DomainError>> {
    if (!/^\d{1,18}$/.test(input.messageId)) return err(domainError('OUTBOX.NOT_FOUND', 'No parked delivery with this id'));
    const at = this.clock.now();
    if (!(await this.outbox.requeue(input.messageId, at))) {
      return err(domainError('OUTBOX.NOT_FOUND', 'No parked delivery with this id', { messageId: input.messageId }));
    }
    await this.uow.run((tx) =>
      tx.audit.append({
        at, actorId: input.actorId, actorRole: 'admin', action: 'outbox.requeued',
        subjectType: 'outbox_message', subjectId: input.messageId, details: {},
      }),
    );
    return ok({ messageId: input.messageId });
  }
}
