import {
  Challenge,
  DomainError,
  OrderErrorCode,
  RuleSnapshot,
  domainError,
  err,
  ok,
  type Order,
  type Result,
  type TradingCalendar,
} from '@tradesense/domain';
import { ConcurrencyConflict } from '../../errors/concurrency-conflict.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { challengeAccountGroup } from '../../shared-kernel/trading-group.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { commerceErrors } from '../commerce-errors.js';
import type { AccountProvisioner } from '../ports/account-provisioner.js';
import type { ProvisionedAccount } from '../ports/commerce-repositories.js';
import { tradingAccountReadyEmail } from '../shared/commerce-emails.js';
import { disableTradingMessage } from '../shared/platform-commands.js';
import type { ChallengeStore } from '../../challenges/ports/challenge-store.js';

export interface FulfilOrderInput {
  readonly orderId: string;
}

export interface FulfilmentOutcome {
  readonly orderId: string;
  /** `in_progress`: another attempt is provisioning the account right now and will finish the order. */
  readonly outcome: 'fulfilled' | 'already_fulfilled' | 'in_progress';
  readonly challengeId: string | null;
  /** The trading login of the challenge's (new) phase-1 account. */
  readonly account: string | null;
}

interface Prepared {
  readonly order: Order;
  readonly rules: RuleSnapshot;
  readonly buyer: { readonly id: string; readonly email: string; readonly country: string; readonly name: string };
}

/**
 * Fulfils a paid order exactly once (section 9): a new challenge with the
 * rule snapshot frozen from the model version the order was placed at, or
 * the restart of the challenge a reset order pays for, on a trading account
 * provisioned through the platform (group by model and phase, swap-free as
 * bought, leverage and initial balance from the rules), then activated.
 *
 * Safe to call any number of times, concurrently or after a crash: the
 * account is claimed per order before the platform is called (see
 * `AccountProvisioner`), and the challenge, the order's fulfilment and the
 * claim's completion commit together.
 */
export class FulfilOrder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly provisioner: AccountProvisioner,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly challenges: ChallengeStore,
  ) {}

  async execute(input: FulfilOrderInput): Promise<Result<FulfilmentOutcome, DomainError>> {
    const prepared = await this.uow.run((tx) => this.prepare(tx, input.orderId));
    if (!prepared.ok) return prepared;
    if ('outcome' in prepared.value) return ok(prepared.value);
    const { order, rules, buyer } = prepared.value;
    const state = order.toState();
    const key = claimKey(order.id);
    const step = await this.provisioner.provision({
      key,
      challengeId: state.resetOfChallengeId ?? this.ids.newId(),
      request: {
        group: challengeAccountGroup({ modelId: rules.modelId, phase: 1, trial: false }),
        leverage: rules.parameters.leverage,
        initialBalance: rules.initialBalance.amount,
        swapFree: state.swapFree,
        name: buyer.name,
        email: buyer.email,
        country: buyer.country,
      },
    });
    switch (step.kind) {
      case 'failed':
        return err(commerceErrors.provisioningFailed(order.id, step.platformCode));
      case 'in_progress':
        return ok({ orderId: order.id, outcome: 'in_progress', challengeId: step.claim.challengeId, account: null });
      case 'completed':
        return this.afterCompletedClaim(order.id);
      case 'ready':
        break;
    }
    try {
      return await this.uow.run((tx) => this.complete(tx, key, order.id, step.claim.challengeId, rules, step.account));
    } catch (error) {
      // A concurrent attempt finished the same order first.
      if (error instanceof ConcurrencyConflict || (error instanceof DomainError && error.code === 'CHALLENGE.ORDER_ALREADY_FULFILLED')) {
        return this.afterCompletedClaim(order.id);
      }
      throw error;
    }
  }

  private async prepare(tx: TransactionScope, orderId: string): Promise<Result<Prepared | FulfilmentOutcome, DomainError>> {
    const order = await tx.orders.findById(orderId);
    if (!order) return err(commerceErrors.orderNotFound(orderId));
    if (order.status === 'fulfilled') return ok(alreadyFulfilled(order));
    if (order.status !== 'paid') {
      // An account made by an attempt that died before the order went away is switched off here.
      const claim = await tx.fulfilmentClaims.find(claimKey(order.id));
      if (claim?.account && !claim.completedAt) {
        return this.orphan(tx, claim.key, order, claim.challengeId, claim.account, notFulfillable(order), this.clock.now());
      }
      return err(notFulfillable(order));
    }
    const state = order.toState();
    const user = await tx.users.findById(state.buyerId);
    if (!user) return err(commerceErrors.userNotFound(state.buyerId));
    const buyer = { id: user.id, email: user.email, country: user.country, name: user.toState().displayName ?? user.email };
    if (state.resetOfChallengeId) {
      const challenge = await tx.challenges.findById(state.resetOfChallengeId);
      if (!challenge) return err(commerceErrors.challengeNotFound(state.resetOfChallengeId));
      return ok({ order, rules: challenge.rules, buyer });
    }
    const model = await tx.challengeModels.findVersion(state.modelId, state.modelVersion);
    if (!model) return err(commerceErrors.modelNotFound(`${state.modelId}@${state.modelVersion}`));
    const rules = RuleSnapshot.freeze(model, state.accountSize, {
      timeZone: this.calendar.timeZone,
      resetTime: this.calendar.resetTime,
    });
    if (!rules.ok) return rules;
    return ok({ order, rules: rules.value, buyer });
  }

  private async complete(
    tx: TransactionScope,
    key: string,
    orderId: string,
    challengeId: string,
    rules: RuleSnapshot,
    account: ProvisionedAccount,
  ): Promise<Result<FulfilmentOutcome, DomainError>> {
    const at = this.clock.now();
    const order = await tx.orders.findById(orderId, { forUpdate: true });
    if (!order) return err(commerceErrors.orderNotFound(orderId));
    if (order.status === 'fulfilled') return ok(alreadyFulfilled(order));
    if (order.status !== 'paid') {
      // Refunded while the account was being made: the account is switched off, never handed out.
      return this.orphan(tx, key, order, challengeId, account, notFulfillable(order), at);
    }
    const state = order.toState();
    let challenge: Challenge;
    if (state.resetOfChallengeId) {
      const found = await tx.challenges.findById(state.resetOfChallengeId);
      if (!found) return err(commerceErrors.challengeNotFound(state.resetOfChallengeId));
      const reset = found.reset({ account: account.login, paid: order.price, at });
      if (!reset.ok) return this.orphan(tx, key, order, challengeId, account, reset.error, at);
      challenge = found;
      await this.challenges.save(tx, challenge, at);
    } else {
      challenge = Challenge.create({ id: challengeId, traderId: state.buyerId, rules, at });
      const activated = challenge.activate(account.login, at);
      if (!activated.ok) return activated;
      await this.challenges.save(tx, challenge, at, { orderId: order.id, swapFree: state.swapFree });
    }
    const fulfilled = order.fulfil({ challengeId: challenge.id, at });
    if (!fulfilled.ok) return fulfilled;
    await tx.orders.save(order);
    await tx.fulfilmentClaims.complete(key, 'fulfilled', at);
    const user = await tx.users.findById(state.buyerId);
    await tx.outbox.add([
      ...eventsToOutbox('order', order.pullEvents()),
      ...(user ? [tradingAccountReadyEmail({ user, challengeId: challenge.id, rules: challenge.rules, account, at })] : []),
    ]);
    return ok({ orderId: order.id, outcome: 'fulfilled', challengeId: challenge.id, account: account.login });
  }

  /**
   * The order can no longer take the account (refunded meanwhile, or the
   * reset was refused). Recorded once, with the account disabled; the
   * refusal is then returned as the outcome.
   */
  private async orphan(
    tx: TransactionScope,
    key: string,
    order: Order,
    challengeId: string,
    account: ProvisionedAccount,
    reason: DomainError,
    at: Date,
  ): Promise<Result<never, DomainError>> {
    const claim = await tx.fulfilmentClaims.find(key);
    if (claim && !claim.completedAt) {
      await tx.fulfilmentClaims.complete(key, 'orphaned', at);
      await tx.outbox.add([disableTradingMessage({ login: account.login, reason: 'order_not_fulfillable', challengeId, at })]);
      await tx.audit.append({
        at,
        actorId: null,
        actorRole: 'system',
        action: 'order.fulfilment_refused',
        subjectType: 'order',
        subjectId: order.id,
        details: { code: reason.code, login: account.login, status: order.status },
      });
    }
    return err(reason);
  }

  private async afterCompletedClaim(orderId: string): Promise<Result<FulfilmentOutcome, DomainError>> {
    const order = await this.uow.run((tx) => tx.orders.findById(orderId));
    if (!order) return err(commerceErrors.orderNotFound(orderId));
    if (order.status === 'fulfilled') return ok(alreadyFulfilled(order));
    return err(notFulfillable(order));
  }
}

const claimKey = (orderId: string) => `order:${orderId}`;

function alreadyFulfilled(order: Order): FulfilmentOutcome {
  return { orderId: order.id, outcome: 'already_fulfilled', challengeId: order.challengeId, account: null };
}

function notFulfillable(order: Order): DomainError {
  const code =
    order.status === 'pending_payment'
      ? OrderErrorCode.NOT_PAID
      : order.status === 'refunded'
        ? OrderErrorCode.REFUNDED
        : order.status === 'cancelled'
          ? OrderErrorCode.CANCELLED
          : 'ORDER.NOT_FULFILLABLE';
  return domainError(code, `The order is ${order.status.replace('_', ' ')}`, { orderId: order.id, status: order.status });
}
