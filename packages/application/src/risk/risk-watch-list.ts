import type { DrawdownState, RuleSnapshot } from '@tradesense/domain';
import type { TradingLogin } from '../ports/trading-platform.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';

/** An account the risk monitor may watch: the current phase account of an active challenge. */
export interface RiskWatchCandidate {
  readonly challengeId: string;
  readonly login: TradingLogin;
  readonly rules: RuleSnapshot;
  readonly state: DrawdownState;
  /** The challenge detected a breach whose handling has not finished: handle it, do not watch it. */
  readonly pendingBreach: boolean;
}

/**
 * What the risk monitor reads from storage: the accounts of active
 * challenges (through the challenges repository, page by page, each page in
 * its own short transaction) and how far each account's deal feed was taken
 * in.
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
      const page = await this.uow.run((tx) => tx.challenges.listActive({ after, limit: this.pageSize }));
      for (const challenge of page) {
        const login = challenge.account;
        const state = challenge.drawdown;
        // A passed phase waits for its next account; nothing trades on the old one.
        if (!login || !state || challenge.phasePassed) continue;
        found.push({ challengeId: challenge.id, login, rules: challenge.rules, state, pendingBreach: state.breach !== null });
      }
      const last = page.at(-1);
      if (!last || page.length < this.pageSize) return found;
      after = last.id;
    }
  }

  /** The last platform deal recorded for the account (null before the first). */
  async dealCursor(login: TradingLogin): Promise<string | null> {
    return this.uow.run(async (tx) => (await tx.accountEquity.find(login))?.lastDealId ?? null);
  }
}
