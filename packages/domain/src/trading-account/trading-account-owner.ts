/**
 * What a watched trading account belongs to (docs/rules.md §3, §5, §7). The
 * account owns the risk lifecycle; its owner reacts to the account's events
 * (a challenge fails, a funded account ends, a competition entry is
 * disqualified), so each event names it.
 */
export type TradingAccountOwner =
  /** One phase of one attempt of a challenge: every phase and every reset trades on a fresh login. */
  | { readonly kind: 'challenge_phase'; readonly id: string; readonly phase: number; readonly attempt: number }
  | { readonly kind: 'funded_account'; readonly id: string }
  | { readonly kind: 'competition_entry'; readonly id: string; readonly competitionId: string };

export type TradingAccountOwnerKind = TradingAccountOwner['kind'];

export const TRADING_ACCOUNT_OWNER_KINDS: readonly TradingAccountOwnerKind[] = ['challenge_phase', 'funded_account', 'competition_entry'];

/** A stable, readable label: `challenge_phase:<id>:<phase>:<attempt>`, `funded_account:<id>`, `competition_entry:<id>`. */
export function ownerLabel(owner: TradingAccountOwner): string {
  switch (owner.kind) {
    case 'challenge_phase':
      return `${owner.kind}:${owner.id}:${owner.phase}:${owner.attempt}`;
    case 'funded_account':
    case 'competition_entry':
      return `${owner.kind}:${owner.id}`;
  }
}
