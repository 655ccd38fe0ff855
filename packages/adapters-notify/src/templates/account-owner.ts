/** What a watched trading account belongs to, as an e-mail names it (docs/rules.md §4: the same lifecycle for every kind). */
export interface AccountOwnerEmail {
  readonly kind: 'challenge_phase' | 'funded_account' | 'competition_entry';
  readonly id: string;
}

/** What ends when the account reaches a floor, and the label of its id in an e-mail's facts. */
export function ownerWording(owner: AccountOwnerEmail): { readonly ends: string; readonly label: string } {
  switch (owner.kind) {
    case 'challenge_phase':
      return { ends: 'the challenge', label: 'Challenge' };
    case 'funded_account':
      return { ends: 'the funded account', label: 'Funded account' };
    case 'competition_entry':
      return { ends: 'your competition entry', label: 'Competition entry' };
  }
}
