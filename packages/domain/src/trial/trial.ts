import { Money } from '../money/money.js';
import { AggregateRoot, type EventPayload } from '../shared/aggregate-root.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { TrialErrorCode } from './trial-errors.js';
import type { TrialEvent } from './trial-events.js';
import { DEFAULT_TRIAL_SETTINGS, type ChargeAttemptState, type TrialSettings, type TrialStatus } from './trial-types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The paid plan the trial turns into. */
export interface TrialPlan {
  readonly modelId: string;
  readonly modelVersion: number;
  readonly accountSize: Money;
  readonly swapFree: boolean;
  /** The plan's price, charged off-session at the end. */
  readonly price: Money;
}

/** Plain-data persistence shape. */
export interface TrialState {
  readonly id: string;
  readonly version: number;
  readonly traderId: string;
  readonly modelId: string;
  readonly modelVersion: number;
  readonly accountSize: string;
  readonly swapFree: boolean;
  readonly currency: string;
  readonly price: string;
  /** The saved payment method charged off-session (a provider reference). */
  readonly paymentMethodId: string;
  readonly startedAt: Date;
  readonly endsAt: Date;
  readonly reminderDueAt: Date;
  readonly reminderSentAt: Date | null;
  readonly retryDaysAfterEnd: readonly number[];
  readonly status: TrialStatus;
  readonly attempts: readonly ChargeAttemptState[];
  readonly cancelledAt: Date | null;
  readonly cancelledBy: string | null;
  readonly closedAt: Date | null;
}

/**
 * A free 7-day trial on a chosen plan with a saved payment method (section
 * 9). The trader is reminded 24 h before the end; at the end, unless
 * cancelled, the plan price is charged off-session; a failed charge is
 * retried 1 and 3 days after the end, then the trial expires. Each instant is
 * fixed at the start, so a late worker run cannot move the schedule.
 */
export class Trial extends AggregateRoot<TrialEvent> {
  private constructor(private state: TrialState) {
    super();
  }

  static start(input: {
    id: string;
    traderId: string;
    plan: TrialPlan;
    paymentMethodId: string;
    at: Date;
    settings?: TrialSettings;
  }): Result<Trial> {
    const settings = input.settings ?? DEFAULT_TRIAL_SETTINGS;
    const { plan } = input;
    if (!plan.price.isPositive() || !plan.accountSize.isPositive() || input.paymentMethodId.trim() === '') {
      return err(domainError(TrialErrorCode.INVALID_PLAN, 'A trial needs a priced plan and a saved payment method', {}));
    }
    const endsAt = new Date(input.at.getTime() + settings.lengthDays * DAY);
    const reminderDueAt = new Date(endsAt.getTime() - settings.reminderHoursBefore * HOUR);
    const trial = new Trial({
      id: input.id,
      version: 0,
      traderId: input.traderId,
      modelId: plan.modelId,
      modelVersion: plan.modelVersion,
      accountSize: plan.accountSize.amount.toFixed(),
      swapFree: plan.swapFree,
      currency: plan.price.currency,
      price: plan.price.amount.toFixed(),
      paymentMethodId: input.paymentMethodId,
      startedAt: input.at,
      endsAt,
      reminderDueAt,
      reminderSentAt: null,
      retryDaysAfterEnd: [...settings.retryDaysAfterEnd],
      status: 'active',
      attempts: [],
      cancelledAt: null,
      cancelledBy: null,
      closedAt: null,
    });
    trial.emit('TrialStarted', input.at, {
      traderId: input.traderId,
      modelId: plan.modelId,
      accountSize: plan.accountSize.toFixed(),
      currency: plan.price.currency,
      price: plan.price.toFixed(),
      endsAt: endsAt.toISOString(),
      reminderDueAt: reminderDueAt.toISOString(),
    });
    return ok(trial);
  }

  static restore(state: TrialState): Trial {
    return new Trial(cloneState(state));
  }

  get id(): string {
    return this.state.id;
  }
  get version(): number {
    return this.state.version;
  }
  get traderId(): string {
    return this.state.traderId;
  }
  get status(): TrialStatus {
    return this.state.status;
  }
  get endsAt(): Date {
    return this.state.endsAt;
  }
  get reminderDueAt(): Date {
    return this.state.reminderDueAt;
  }
  get price(): Money {
    return Money.of(this.state.price, this.state.currency);
  }
  get paymentMethodId(): string {
    return this.state.paymentMethodId;
  }
  get attempts(): readonly ChargeAttemptState[] {
    return this.state.attempts.map((a) => ({ ...a }));
  }

  /** When the next charge attempt is due (end, end + 1 day, end + 3 days); null once settled. */
  nextChargeAt(): Date | null {
    if (this.state.status !== 'active') return null;
    const offsets = [0, ...this.state.retryDaysAfterEnd];
    const offset = offsets[this.state.attempts.length];
    return offset === undefined ? null : new Date(this.state.endsAt.getTime() + offset * DAY);
  }

  isChargeDue(at: Date): boolean {
    const next = this.nextChargeAt();
    return next !== null && at >= next;
  }

  isReminderDue(at: Date): boolean {
    return (
      this.state.status === 'active' &&
      this.state.reminderSentAt === null &&
      at >= this.state.reminderDueAt &&
      at < this.state.endsAt
    );
  }

  /** The 24-hour notice went out; recorded once. */
  markReminderSent(input: { at: Date }): Result<void> {
    if (this.state.reminderSentAt !== null) {
      return err(domainError(TrialErrorCode.REMINDER_ALREADY_SENT, 'The reminder was already sent', { trialId: this.state.id }));
    }
    if (!this.isReminderDue(input.at)) {
      return err(
        domainError(TrialErrorCode.REMINDER_NOT_DUE, 'The reminder is not due', {
          dueAt: this.state.reminderDueAt.toISOString(),
        }),
      );
    }
    this.state = { ...this.state, reminderSentAt: input.at };
    this.emit('TrialReminderSent', input.at, {
      traderId: this.state.traderId,
      chargeAt: this.state.endsAt.toISOString(),
      price: this.price.toFixed(),
      currency: this.state.currency,
    });
    return ok(undefined);
  }

  /** Cancels before the end; nothing will be charged. */
  cancel(input: { actor: string; at: Date }): Result<void> {
    const active = this.ensureActive();
    if (!active.ok) return active;
    if (input.at >= this.state.endsAt) {
      return err(domainError(TrialErrorCode.ALREADY_ENDED, 'The trial has ended', { endsAt: this.state.endsAt.toISOString() }));
    }
    this.state = { ...this.state, status: 'cancelled', cancelledAt: input.at, cancelledBy: input.actor, closedAt: input.at };
    this.emit('TrialCancelled', input.at, { traderId: this.state.traderId, actor: input.actor });
    return ok(undefined);
  }

  /**
   * The off-session charge succeeded: the trial converts and the paid
   * challenge starts. Repeating the same provider payment is a no-op.
   */
  recordChargeSucceeded(input: { providerPaymentId: string; at: Date }): Result<{ changed: boolean }> {
    const last = this.state.attempts[this.state.attempts.length - 1];
    if (this.state.status === 'converted' && last?.providerPaymentId === input.providerPaymentId) return ok({ changed: false });
    const due = this.ensureChargeDue(input.at);
    if (!due.ok) return due;
    const attempt: ChargeAttemptState = {
      number: this.state.attempts.length + 1,
      at: input.at,
      outcome: 'succeeded',
      providerPaymentId: input.providerPaymentId,
      failureReason: null,
    };
    this.state = { ...this.state, status: 'converted', attempts: [...this.state.attempts, attempt], closedAt: input.at };
    this.emit('TrialConverted', input.at, {
      traderId: this.state.traderId,
      attempt: attempt.number,
      providerPaymentId: input.providerPaymentId,
      modelId: this.state.modelId,
      modelVersion: this.state.modelVersion,
      accountSize: this.state.accountSize,
      swapFree: this.state.swapFree,
      currency: this.state.currency,
      price: this.price.toFixed(),
    });
    return ok({ changed: true });
  }

  /** A failed charge schedules the next retry, or expires the trial after the last one. */
  recordChargeFailed(input: { reason: string; at: Date }): Result<void> {
    const due = this.ensureChargeDue(input.at);
    if (!due.ok) return due;
    const attempt: ChargeAttemptState = {
      number: this.state.attempts.length + 1,
      at: input.at,
      outcome: 'failed',
      providerPaymentId: null,
      failureReason: input.reason,
    };
    this.state = { ...this.state, attempts: [...this.state.attempts, attempt] };
    const next = this.nextChargeAt();
    this.emit('TrialChargeFailed', input.at, {
      traderId: this.state.traderId,
      attempt: attempt.number,
      reason: input.reason,
      nextAttemptAt: next?.toISOString() ?? null,
    });
    if (next === null) {
      this.state = { ...this.state, status: 'expired', closedAt: input.at };
      this.emit('TrialExpired', input.at, {
        traderId: this.state.traderId,
        attempts: this.state.attempts.length,
        lastFailure: input.reason,
      });
    }
    return ok(undefined);
  }

  toState(): TrialState {
    return cloneState(this.state);
  }

  private ensureActive(): Result<void> {
    if (this.state.status === 'active') return ok(undefined);
    return err(domainError(TrialErrorCode.NOT_ACTIVE, `The trial is ${this.state.status}`, { status: this.state.status }));
  }

  private ensureChargeDue(at: Date): Result<void> {
    const active = this.ensureActive();
    if (!active.ok) return active;
    if (!this.isChargeDue(at)) {
      return err(
        domainError(TrialErrorCode.CHARGE_NOT_DUE, 'No charge is due yet', {
          nextChargeAt: this.nextChargeAt()?.toISOString() ?? null,
        }),
      );
    }
    return ok(undefined);
  }

  private emit<T extends TrialEvent['type']>(type: T, at: Date, payload: EventPayload<TrialEvent, T>): void {
    this.recordEvent(type, this.state.id, at, payload);
  }
}

function cloneState(state: TrialState): TrialState {
  return { ...state, retryDaysAfterEnd: [...state.retryDaysAfterEnd], attempts: state.attempts.map((a) => ({ ...a })) };
}
