import { AgreementVersion, FUNDED_TRADER_AGREEMENT, unwrap } from '@tradesense/domain';
import type { Knex } from 'knex';
import { agreementVersionMapper } from '../funding/agreement-mappers.js';
import { seedOnce } from './seed-step.js';

export const INITIAL_FUNDED_TRADER_AGREEMENT_VERSION = '2026-01';

/**
 * The first published wording of the funded-trader agreement (rule book
 * section 12). A later wording is published as a new version; signatures
 * keep pointing at the version and text hash they were given.
 */
export const INITIAL_FUNDED_TRADER_AGREEMENT_TEXT = `FUNDED TRADER AGREEMENT

1. Parties. This agreement is made between TradeSense ("the Firm") and the trader named in the signature below ("the Trader").

2. Purpose. The Trader has passed a TradeSense evaluation challenge and completed identity verification. The Firm provides the Trader with a funded trading account on which the Trader trades the Firm's allocated capital. The Trader does not deposit or risk personal funds on the funded account.

3. Allocation. The funded account starts with the same balance as the challenge the Trader passed. The allocation may grow under the scaling plan: after four complete calendar months in which every month is profitable, total profit reaches at least 10% of the allocation, at least two payouts were paid and the last month is profitable, the allocation grows by 40%, up to 4,000,000 USD, and the profit split becomes 90%.

4. Trading rules. The daily loss limit, the maximum loss limit and every other rule of the passed challenge's model continue to apply to the funded account, measured in the Firm's trading calendar. There is no profit target and no minimum number of trading days. Breaching a loss limit ends the funded account: trading is disabled and open positions are closed.

5. Profit split and payouts. The Trader receives the profit split of the model (80% unless scaled) of the profit made above the allocation. A payout may be requested once the first-payout period of the model has passed since funding, and later once each payout cycle has passed since the previous request, with no open positions and a positive profit. At each payout the whole profit is withdrawn from the trading account, which then continues from its allocation.

6. Payout guarantee. The Firm processes payouts within 24 hours of the request. A payout paid later than that earns the Trader a compensation of 1,000 USD.

7. Challenge fee. The fee paid for the challenge is refunded together with the payout the model names (the first payout for the 2-Step model, the third for the 1-Step and Lite models).

8. Prohibited conduct. The Trader shall not use the account for market abuse, exploit price feed errors or latency, share the account or its credentials, or trade from a prohibited country. The Firm may refuse or reverse a payout that results from prohibited conduct.

9. Identity and eligibility. The Trader confirms that the identity documents submitted are genuine and that the Trader does not reside in a prohibited country. Eligibility may be reviewed at any payout.

10. No investment advice. Signals, analysis and any other information made available by the Firm are not investment advice.

11. Records. The Firm keeps this agreement as signed, together with the signature's typed name, time, IP address and user agent, and provides the Trader with a signed copy.

12. Termination. Either party may end this agreement with notice. Profit earned and eligible for a payout at the time of termination is paid under the terms above.

By typing my full name below I confirm that I have read and accept this agreement.`;

/** Publishes the initial funded-trader agreement once per database; a version already there is left as it is. */
export async function seedFundedTraderAgreement(knex: Knex, at: Date): Promise<boolean> {
  const published = await seedOnce(knex, `agreement.${FUNDED_TRADER_AGREEMENT}.${INITIAL_FUNDED_TRADER_AGREEMENT_VERSION}`, at, async (trx) => {
    const version = unwrap(
      AgreementVersion.publish({
        agreementId: FUNDED_TRADER_AGREEMENT,
        version: INITIAL_FUNDED_TRADER_AGREEMENT_VERSION,
        text: INITIAL_FUNDED_TRADER_AGREEMENT_TEXT,
        at,
      }),
    );
    const rows = await trx('agreement_versions')
      .insert(agreementVersionMapper.toRow(version.toState()))
      .onConflict(['agreement_id', 'version'])
      .ignore()
      .returning('version');
    return rows.length > 0;
  });
  return published ?? false;
}
