import type { DrawdownState, RuleSnapshot } from '@tradesense/domain';
import type { TradingLogin } from '../ports/trading-platform.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { riskSubjectKey, type RiskSubject } from './risk-subject.js';

/** An account the risk monitor may watch: an active challenge's current phase account, or an active funded account. */
export interface RiskWatchCandidate {
  readonly subject: RiskSubject;
  /** The engine's and the ownership's key for the subject (see `riskSubjectKey`). */
  readonly key: string;
  readonly login: TradingLogin;
  readonly rules: RuleSnapshot;
  readonly state: DrawdownState;
  /** The subject detected a breach whose handling has not finished: handle it, do not watch it. */
  readonly pendingBreach: boolean;
}

/**
 * What the risk monitor reads from storage: the accounts of active
 * challenges and of active funded accounts (through their repositories,
 * page by page, each page in its own short transaction), and how far each
 * account's deal feed was taken in.
 */
export class RiskWatchList {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly pageSize = 500,
  ) {}

  async candidates(): Promise<RiskWatchCandidate[]> {
    return [...(await this.challengeCandidates()), ...(await this.fundedCandidates())];
  }

  /** One funded account as a candidate, read with a row lock so a balance operation in flight commits first. */
  async fundedCandidate(fundedAccountId: string): Promise<RiskWatchCandidate | null> {
    return this.uow.run(async (tx) => {
      const account = await tx.fundedAccounts.findById(fundedAccountId, { lock: true });
      return account && account.status === 'active' ? fundedCandidate(account) : null;
    });
  }

  /**
   * The last platform deal recorded for the account (null before the first):
   * the challenge deal feed's cursor, or the funded deal feed's.
   */
  async dealCursor(candidate: Pick<RiskWatchCandidate, 'subject' | 'login'>): Promise<string | null> {
    const { subject, login } = candidate;
    return this.uow.run(async (tx) =>
      subject.kind === 'funded'
        ? ((await tx.fundedDealCursors.find(subject.id))?.lastDealId ?? null)
        : ((await tx.accountEquity.find(login))?.lastDealId ?? null),
    );
  }

  private async challengeCandidates(): Promise<RiskWatchCandidate[]> {
    const found: RiskWatchCandidate[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.uow.run((tx) => tx.challenges.listActive({ after, limit: this.pageSize }));
      for (const challenge of page) {
        const login = challenge.account;
        const state = challenge.drawdown;
        // A passed phase waits for its next account; nothing trades on the old one.
        if (!login || !state || challenge.phasePassed) continue;
        const subject: RiskSubject = { kind: 'challenge', id: challenge.id };
        found.push({ subject, key: riskSubjectKey(subject), login, rules: challenge.rules, state, pendingBreach: state.breach !== null });
      }
      const last = page.at(-1);
      if (!last || page.length < this.pageSize) return found;
      after = last.id;
    }
  }

  private async fundedCandidates(): Promise<RiskWatchCandidate[]> {
    const found: RiskWatchCandidate[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.uow.run((tx) => tx.fundedAccounts.listActive({ after, limit: this.pageSize }));
      for (const account of page) found.push(fundedCandidate(account));
      const last = page.at(-1);
      if (!last || page.length < this.pageSize) return found;
      after = last.id;
    }
  }
}

function fundedCandidate(account: {
  readonly id: string;
  readonly login: string;
  readonly rules: RuleSnapshot;
  readonly drawdown: DrawdownState;
}): RiskWatchCandidate {
  const subject: RiskSubject = { kind: 'funded', id: account.id };
  const state = account.drawdown;
  return { subject, key: riskSubjectKey(subject), login: account.login, rules: account.rules, state, pendingBreach: state.breach !== null };
}
