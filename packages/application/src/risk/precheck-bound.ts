/**
 * How far the pre-check's float equity may be from the exact equity, in the
 * account currency. The pre-check may skip the exact (Decimal) evaluation
 * only when the float equity clears every alarm level by more than this, so
 * a breach or a due warning can never be skipped.
 *
 * With u = 2^-53 (the unit round-off of a double) and n open positions:
 * - every input (prices, rates, lots × contract size, swaps, balance, the
 *   alarm level and the equity high) is a correctly rounded double:
 *   relative error ≤ u each;
 * - one position's P/L is a subtraction, a multiplication and a conversion
 *   (× or ÷ the cross rate): its absolute error is ≤ 15·u·(|close| + |open|)
 *   × units × rate-factor, counting the input errors, each operation's
 *   rounding, and the case where the float and the exact sign of a near-zero
 *   P/L pick different sides of the cross rate;
 * - summing 2n + 1 terms adds ≤ 2n·u × Σ|term|;
 * - the exact valuation books each position to the cent: ≤ 0.005 per
 *   position, which the float sum (unrounded) does not do.
 * So |float − exact| ≤ 0.005·n + (2n + 16)·u·S, where S (the `scale`) is
 * |balance| + Σ (|close| + |open|) × units × rate-factor + Σ|swap + commission|
 * + |alarm level| + |equity high|. The bound used is eight times the
 * round-off part plus one cent: 0.01 + 0.005·n + (2n + 32)·2^-50·S. For a
 * 100k account with a few positions it is a little over a cent, so only ticks
 * within cents of a level go to the exact path.
 */
const EIGHT_ROUNDOFFS = 2 ** -50;

export function precheckBound(positions: number, scale: number): number {
  return 0.01 + 0.005 * positions + (2 * positions + 32) * EIGHT_ROUNDOFFS * scale;
}
