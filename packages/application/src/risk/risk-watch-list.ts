import type { DrawdownState, RuleSnapshot } from '@tradesense/domain';
import type { TradingLogin } from '../ports/trading-platform.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { riskSubjectKey, riskSubjectOfKey, type RiskSubject } from './risk-subject.js';

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

  /**
   * The one subject a key names, as a candidate, or null when it is not one
   * (not active, no account yet, phase passed): what an announcement asks to
   * watch, without listing every account.
   */
  async candidate(key: string): Promise<RiskWatchCandidate | null> {
    const subject = riskSubjectOfKey(key);
    return this.uow.run(async (tx) => {
      if (subject.kind === 'funded') {
        const account = await tx.fundedAccounts.findById(subject.id);
        return account && account.status === 'active' ? fundedCandidate(account) : null;
      }
      const challenge = await tx.challenges.findById(subject.id);
      return challenge && challenge.status === 'active' ? challengeCandidate(challenge) : null;
    });
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
        const candidate = challengeCandidate(challenge);
        if (candidate) found.push(candidate);
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

/** An active challenge's current account as a candidate, or null while it has none to watch. */
function challengeCandidate(challenge: {
  readonly id: string;
  readonly account: TradingLogin | null;
  readonly phasePassed: boolean;
  readonly rules: RuleSnapshot;
  readonly drawdown: DrawdownState | null;
}): RiskWatchCandidate | null {
  const login = challenge.account;
  const state = challenge.drawdown;
  // A passed phase waits for its next account; nothing trades on the old one.
  if (!login || !state || challenge.phasePassed) return null;
  const subject: RiskSubject = { kind: 'challenge', id: challenge.id };
  return { subject, key: riskSubjectKey(subject), login, rules: challenge.rules, state, pendingBreach: state.breach !== null };
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
