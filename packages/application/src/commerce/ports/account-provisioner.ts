// Published by commerce: it owns the fulfilment claims; challenges open a next phase's account through it.
import type { Clock } from '../../ports/clock.js';
import { isTradingPlatformError, type CreateTradingAccountRequest, type TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { disableTradingMessage } from '../shared/platform-commands.js';
import type { FulfilmentClaim, ProvisionedAccount } from './commerce-repositories.js';

/** How long a claimant is presumed to be creating the account; far longer than one platform call. */
export const PROVISIONING_LEASE_MS = 5 * 60_000;

export type ProvisioningStep =
  /** The account exists (made now, or by an earlier attempt that did not finish): build the challenge on it. */
  | { readonly kind: 'ready'; readonly claim: FulfilmentClaim; readonly account: ProvisionedAccount }
  /** Another attempt holds the claim and is creating the account right now. */
  | { readonly kind: 'in_progress'; readonly claim: FulfilmentClaim }
  /** The purpose was already served (or given up) by an earlier attempt. */
  | { readonly kind: 'completed'; readonly claim: FulfilmentClaim }
  /** The platform refused or could not be reached; the claim is released for a retry. */
  | { readonly kind: 'failed'; readonly platformCode: string };

/**
 * Creates at most one trading account per purpose (an order, a trial). The
 * platform offers no idempotency key for new accounts, so the intent is
 * claimed in the database first (one claimant wins, under a lease), and the
 * login is recorded in its own transaction the moment the platform returns
 * it: a retry after a crash finds the account and reuses it. The one gap left
 * is a crash between the platform creating the account and that record; the
 * lease makes a takeover wait long enough that a slow call is not mistaken
 * for a dead one.
 */
export class AccountProvisioner {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly clock: Clock,
    private readonly leaseMs: number = PROVISIONING_LEASE_MS,
  ) {}

  async provision(input: {
    readonly key: string;
    /** Used only when this is the first claim; a retry keeps the challenge id claimed first. */
    readonly challengeId: string;
    readonly request: CreateTradingAccountRequest;
  }): Promise<ProvisioningStep> {
    const now = this.clock.now();
    const { claimed, claim } = await this.uow.run((tx) =>
      tx.fulfilmentClaims.claim({
        key: input.key,
        challengeId: input.challengeId,
        at: now,
        leaseUntil: new Date(now.getTime() + this.leaseMs),
      }),
    );
    if (claim.completedAt) return { kind: 'completed', claim };
    if (claim.account) return { kind: 'ready', claim, account: claim.account };
    if (!claimed) return { kind: 'in_progress', claim };
    let created;
    try {
      created = await this.platform.createAccount(input.request);
    } catch (error) {
      await this.uow.run((tx) => tx.fulfilmentClaims.release(input.key, this.clock.now()));
      if (isTradingPlatformError(error)) return { kind: 'failed', platformCode: error.code };
      throw error;
    }
    const account: ProvisionedAccount = {
      login: created.login,
      group: created.group,
      password: created.password,
      investorPassword: created.investorPassword,
    };
    const recorded = await this.uow.run((tx) => tx.fulfilmentClaims.recordAccount(input.key, account, this.clock.now()));
    if (!recorded) {
      // Only a slow attempt overtaken after its lease ran out gets here: the
      // account recorded first is the one used; this one is switched off.
      const at = this.clock.now();
      const current = await this.uow.run(async (tx) => {
        await tx.outbox.add([disableTradingMessage({ login: account.login, reason: 'surplus_account', challengeId: claim.challengeId, at })]);
        await tx.audit.append({
          at,
          actorId: null,
          actorRole: 'system',
          action: 'platform.surplus_account_disabled',
          subjectType: 'fulfilment',
          subjectId: input.key,
          details: { login: account.login },
        });
        return tx.fulfilmentClaims.find(input.key);
      });
      if (current?.account) return { kind: 'ready', claim: current, account: current.account };
      throw new Error(`Fulfilment ${input.key} lost its recorded account`);
    }
    return { kind: 'ready', claim: { ...claim, account }, account };
  }
}
