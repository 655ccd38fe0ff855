import type { DrawdownState, RuleSnapshot, TradingAccount, TradingAccountOwner } from '@tradesense/domain';
import type { LoadOptions } from '../shared-kernel/load-options.js';
import type { TradingLogin } from '../ports/trading-platform.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';

/** A trading account the risk monitor may watch: an active one, whatever it belongs to. */
export interface RiskWatchCandidate {
  /** The engine's and the ownership's key. */
  readonly login: TradingLogin;
  readonly owner: TradingAccountOwner;
  readonly rules: RuleSnapshot;
  readonly state: DrawdownState;
  /** Balance deals are firm operations that move the floors (see `firmBalanceOperations`). */
  readonly firmBalanceOperations: boolean;
  /** The account detected a breach whose handling has not finished: handle it, do not watch it. */
  readonly pendingBreach: boolean;
}

/**
 * What the risk monitor reads from storage: the active trading accounts
 * (page by page in login order, each page in its own short transaction),
 * and how far each account's deal feed was taken in.
 */
export class RiskWatchList {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly pageSize = 500,
  ) {}

  async candidates(): Promise<RiskWatchCandidate[]> {
    const found: RiskWatchCandidate[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.uow.run((tx) => tx.tradingAccounts.listActive({ after, limit: this.pageSize }));
      for (const account of page) {
        const candidate = candidateOf(account);
        if (candidate) found.push(candidate);
      }
      const last = page.at(-1);
      if (!last || page.length < this.pageSize) return found;
      after = last.login;
    }
  }

  /**
   * The one trading account a login names, as a candidate, or null when it is
   * not one (unknown, closed, ended on its breach): what an announcement asks
   * to watch, without listing every account. With `lock`, read with the row
   * lock, so a change of the account in flight (a firm balance operation)
   * commits first.
   */
  async candidate(login: TradingLogin, options: LoadOptions = {}): Promise<RiskWatchCandidate | null> {
    return this.uow.run(async (tx) => candidateOf(await tx.tradingAccounts.find(login, options)));
  }

  /** The last platform deal taken in for the account (null before the first): its deal feed's cursor. */
  async dealCursor(login: TradingLogin): Promise<string | null> {
    return this.uow.run(async (tx) => (await tx.accountEquity.find(login))?.lastDealId ?? null);
  }
}

/**
 * Balance deals the firm books itself: only on a funded account does the firm
 * move money (payouts out and back, scaling deposits: docs/rules.md §5 "Money the firm moves is not a loss", §6), and
 * such a deal must move the floors with it rather than read as a loss or a
 * gain. A challenge phase or a competition entry has no such operations, so
 * a balance deal there is judged like any other change of the balance. Said
 * here, where a watch is built from the stored account, so the engine and the
 * monitor stay free of owner kinds.
 */
export function firmBalanceOperations(owner: TradingAccountOwner): boolean {
  return owner.kind === 'funded_account';
}

/** An active trading account as a candidate, or null when it is not watched (closed, ended on a breach). */
function candidateOf(account: TradingAccount | null): RiskWatchCandidate | null {
  if (!account || account.status !== 'active') return null;
  const { login, owner, rules, drawdown: state } = account;
  return { login, owner, rules, state, firmBalanceOperations: firmBalanceOperations(owner), pendingBreach: state.breach !== null };
}
