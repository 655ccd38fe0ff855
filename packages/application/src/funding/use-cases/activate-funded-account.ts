import {
  TradingAccount,
  FUNDED_TRADER_AGREEMENT,
  FundedAccount,
  FundedErrorCode,
  domainError,
  err,
  ok,
  type DomainError,
  type Result,
  type RuleSnapshot,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TradingLogin, TradingPlatform } from '../../ports/trading-platform.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { externalFailure } from '../../shared-kernel/external-failure.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { fundingErrors } from '../funding-errors.js';
import type { FundingSettings } from '../funding-settings.js';
import type { FundedTradingAccount } from '../ports/funding-repositories.js';
import type { TradingAccountWriter } from '../../trading-accounts/ports/trading-account-owner-reactions.js';
import { prohibitedCountries } from '../shared/prohibited-countries.js';
import { traderChallengesIn } from '../shared/trader-challenges.js';
import { traderProfile, type TraderProfile } from '../shared/trader-profile.js';

export interface ActivateFundedAccountInput {
  readonly userId: string;
}

export interface ActivatedFundedAccount {
  readonly challengeId: string;
  readonly fundedAccountId: string;
  readonly login: TradingLogin;
  /** False when an earlier call had already funded this challenge. */
  readonly created: boolean;
}

export interface ActivateFundedAccountOutput {
  readonly fundedAccounts: readonly ActivatedFundedAccount[];
}

interface Candidate {
  readonly challengeId: string;
  readonly rules: RuleSnapshot;
  readonly swapFree: boolean;
}

/**
 * Funds every passed challenge of a trader once KYC is approved and the
 * funded-trader agreement signed (whichever comes last calls this). Each
 * challenge gets a new trading account in the funded group with the same
 * initial balance; the account is claimed in the database before the platform
 * is asked and recorded the moment it exists, so a retry reuses it instead of
 * opening a second one. The funded account and the challenge's `funded`
 * status are then written in one transaction.
 */
export class ActivateFundedAccount {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly settings: FundingSettings,
    private readonly tradingAccounts: TradingAccountWriter,
  ) {}

  async execute(input: ActivateFundedAccountInput): Promise<Result<ActivateFundedAccountOutput, DomainError>> {
    const planned = await this.uow.run(async (tx) => {
      const ready = await this.readiness(tx, input.userId);
      if (!ready.ok) return ready;
      const challenges = await traderChallengesIn(tx, input.userId, 'pending_kyc');
      if (challenges.length === 0) return err(fundingErrors.nothingToActivate(input.userId));
      const candidates: Candidate[] = [];
      for (const challenge of challenges) {
        candidates.push({ challengeId: challenge.id, rules: challenge.rules, swapFree: await tx.challenges.isSwapFree(challenge.id) });
      }
      return ok({ trader: ready.value, candidates });
    });
    if (!planned.ok) return planned;
    const fundedAccounts: ActivatedFundedAccount[] = [];
    for (const candidate of planned.value.candidates) {
      const activated = await this.activate(planned.value.trader, candidate);
      if (!activated.ok) return activated;
      fundedAccounts.push(activated.value);
    }
    return ok({ fundedAccounts });
  }

  /** KYC approved, agreement signed, countries allowed: checked before any platform account is made. */
  private async readiness(tx: TransactionScope, userId: string): Promise<Result<TraderProfile, DomainError>> {
    const trader = await traderProfile(tx, userId);
    if (!trader) return err(sharedErrors.userNotFound(userId));
    const kyc = await tx.kycCases.findByTrader(userId);
    if (!kyc || kyc.status !== 'approved') {
      return err(
        domainError(FundedErrorCode.KYC_NOT_APPROVED, 'Funding requires approved KYC', { kycCaseId: kyc?.id ?? null, kycStatus: kyc?.status ?? null }),
      );
    }
    if (!(await tx.agreementSignatures.findLatestByTrader(userId, FUNDED_TRADER_AGREEMENT))) {
      return err(domainError(FundedErrorCode.AGREEMENT_NOT_SIGNED, 'Funding requires the signed funded-trader agreement', {}));
    }
    const policy = await prohibitedCountries(tx);
    for (const country of [trader.country, kyc.country]) {
      if (country === null) continue;
      const allowed = policy.check(country, 'funding');
      if (!allowed.ok) return allowed;
    }
    return ok(trader);
  }

  private async activate(trader: TraderProfile, candidate: Candidate): Promise<Result<ActivatedFundedAccount, DomainError>> {
    const at = this.clock.now();
    const { claimed, activation } = await this.uow.run((tx) =>
      tx.fundedActivations.claim({
        challengeId: candidate.challengeId,
        fundedAccountId: this.ids.newId(),
        traderId: trader.id,
        at,
        leaseUntil: new Date(at.getTime() + this.settings.activationLeaseMs),
      }),
    );
    let account = activation.account;
    if (!account) {
      if (!claimed) return err(fundingErrors.activationInProgress(candidate.challengeId));
      const created = await this.createTradingAccount(trader, candidate);
      if (!created.ok) return created;
      const recorded = await this.uow.run((tx) => tx.fundedActivations.recordAccount(candidate.challengeId, created.value));
      // Our lease ran out and a takeover recorded its account first: fund on that one.
      account = recorded ? created.value : ((await this.uow.run((tx) => tx.fundedActivations.find(candidate.challengeId)))?.account ?? null);
      if (!account) return err(fundingErrors.activationInProgress(candidate.challengeId));
    }
    const fundedOn = account;
    return retryOnConflict(() => this.open(trader.id, candidate.challengeId, activation.fundedAccountId, fundedOn));
  }

  private async createTradingAccount(trader: TraderProfile, candidate: Candidate): Promise<Result<FundedTradingAccount, DomainError>> {
    try {
      const credentials = await this.platform.createAccount({
        group: this.settings.fundedGroup(candidate.rules.modelId),
        leverage: candidate.rules.parameters.leverage,
        initialBalance: candidate.rules.initialBalance.amount,
        swapFree: candidate.swapFree,
        name: trader.name,
        email: trader.email,
        country: trader.country,
      });
      return ok({
        login: credentials.login,
        group: credentials.group,
        password: credentials.password,
        investorPassword: credentials.investorPassword,
      });
    } catch (error) {
      const failure = externalFailure(error);
      if (!failure) throw error;
      await this.uow.run((tx) => tx.fundedActivations.release(candidate.challengeId, this.clock.now()));
      return err(failure);
    }
  }

  private open(traderId: string, challengeId: string, fundedAccountId: string, account: FundedTradingAccount) {
    const at = this.clock.now();
    return this.uow.run(async (tx): Promise<Result<ActivatedFundedAccount, DomainError>> => {
      const challenge = await tx.challenges.findById(challengeId, { lock: true });
      if (!challenge) return err(domainError('CHALLENGE.NOT_FOUND', 'No such challenge', { challengeId }));
      if (challenge.status === 'funded') {
        const existing = await tx.fundedAccounts.findByChallengeId(challengeId);
        if (existing) {
          return ok({ challengeId, fundedAccountId: existing.id, login: existing.toState().tradingAccountId, created: false });
        }
      }
      const trader = await traderProfile(tx, traderId);
      const kyc = await tx.kycCases.findByTrader(traderId);
      const signature = await tx.agreementSignatures.findLatestByTrader(traderId, FUNDED_TRADER_AGREEMENT);
      if (!trader) return err(sharedErrors.userNotFound(traderId));
      if (!kyc) return err(domainError(FundedErrorCode.KYC_NOT_APPROVED, 'Funding requires approved KYC', {}));
      const rules = challenge.rules;
      const opened = FundedAccount.open({
        id: fundedAccountId,
        traderId,
        challengeId,
        modelId: rules.modelId,
        tradingAccountId: account.login,
        initialBalance: rules.initialBalance,
        terms: {
          split: rules.parameters.profitSplitPercent,
          firstPayoutDays: rules.parameters.firstPayoutDays,
          cycleDays: rules.parameters.payoutCycleDays,
          feeRefundOnPayoutNumber: this.settings.feeRefundPayoutNumber[rules.modelId] ?? null,
        },
        challengeFee: rules.price,
        guarantee: this.settings.payoutGuarantee,
        kyc,
        agreement: signature,
        traderCountry: trader.country,
        prohibitedCountries: await prohibitedCountries(tx),
        at,
      });
      if (!opened.ok) return opened;
      const funded = opened.value;
      const marked = challenge.markFunded(funded.id, at);
      if (!marked.ok) return marked;
      // Its risk lifecycle: the passed challenge's frozen rules, watched on the new login (docs/rules.md §5).
      const watched = TradingAccount.open({ login: account.login, traderId, owner: { kind: 'funded_account', id: funded.id }, rules, at });
      if (!watched.ok) return watched;
      await tx.fundedAccounts.save(funded);
      await this.tradingAccounts.save(tx, watched.value, at);
      await tx.challenges.save(challenge);
      await tx.fundedActivations.complete(challengeId, at);
      await tx.outbox.add([
        ...eventsToOutbox('funded_account', funded.pullEvents()),
        ...eventsToOutbox('challenge', challenge.pullEvents()),
        // The credentials are known only until the activation completes; a takeover after that cannot resend them.
        ...(account.password
          ? [
              {
                topic: 'email.trading_account_credentials',
                aggregateType: 'funded_account',
                aggregateId: funded.id,
                payload: {
                  to: trader.email,
                  traderName: trader.name,
                  challengeId,
                  phase: null,
                  modelName: rules.modelName,
                  initialBalance: funded.initialBalance.toFixed(),
                  currency: funded.currency,
                  login: account.login,
                  password: account.password,
                  investorPassword: account.investorPassword,
                  group: account.group,
                },
                occurredAt: at,
              },
            ]
          : []),
      ]);
      return ok({ challengeId, fundedAccountId: funded.id, login: account.login, created: true });
    });
  }
}
