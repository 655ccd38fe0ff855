// Shared: commerce opens the first phase and trial accounts, challenges the later phases, in the same groups.
/**
 * The trading-platform group of a challenge account: one group per model and
 * phase, trials apart. Swap-free accounts travel with `swapFree: true` and the
 * platform adapter places them in the swap-free sibling group.
 */
export function challengeAccountGroup(input: { readonly modelId: string; readonly phase: number; readonly trial: boolean }): string {
  return input.trial ? `tradesense-trial-${input.modelId}` : `tradesense-${input.modelId}-p${input.phase}`;
}
