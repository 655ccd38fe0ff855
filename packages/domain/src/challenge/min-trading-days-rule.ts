/**
 * Minimum trading days (rule book section 3): a trading day counts when at
 * least one position was opened in it; the phase needs `required` of them.
 */
export class MinTradingDaysRule {
  constructor(readonly required: number) {}

  isMet(countedDays: number): boolean {
    return countedDays >= this.required;
  }
}
