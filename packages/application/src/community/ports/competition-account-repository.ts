/**
 * The trading account of a competition entry. The row is claimed in the
 * registration's transaction (login still null) and completed once the
 * platform has created the account, so an interrupted provisioning is found
 * and finished later instead of being forgotten or done twice.
 */
export interface CompetitionAccountRecord {
  readonly entryId: string;
  readonly competitionId: string;
  readonly userId: string;
  readonly login: string | null;
  readonly group: string | null;
  readonly claimedAt: Date;
  readonly provisionedAt: Date | null;
  /** Ticket of the last deal applied to the entry (deals are applied once, in ticket order). */
  readonly lastDealId: string | null;
  /** Set while the firm keeps the account from trading (before the start, after a disqualification or the end). */
  readonly tradingDisabledAt: Date | null;
}

export interface CompetitionAccountRepository {
  claim(record: { entryId: string; competitionId: string; userId: string; at: Date }): Promise<void>;
  /** Takes over a stale claim; false when someone else changed it since `previousClaim`. */
  reclaim(entryId: string, previousClaim: Date, at: Date): Promise<boolean>;
  /** Completes a claim with the platform login; false when it was already completed. */
  recordProvisioned(entryId: string, login: string, group: string, at: Date): Promise<boolean>;
  findByEntry(entryId: string): Promise<CompetitionAccountRecord | null>;
  findByLogin(login: string): Promise<CompetitionAccountRecord | null>;
  listForCompetition(competitionId: string): Promise<CompetitionAccountRecord[]>;
  /** Claims without a login taken before `claimedBefore`, oldest first. */
  listUnprovisioned(claimedBefore: Date, limit: number): Promise<CompetitionAccountRecord[]>;
  advanceDealCursor(entryId: string, dealId: string): Promise<void>;
  markTradingDisabled(entryIds: readonly string[], at: Date): Promise<void>;
  markTradingEnabled(entryIds: readonly string[]): Promise<void>;
}
