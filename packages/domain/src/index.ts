/**
 * @tradesense/domain: the firm's rules as pure TypeScript. No I/O, no clock,
 * no randomness: instants and ids are passed in, amounts are Decimal.
 */
export * from './shared/result.js';
export * from './shared/domain-error.js';
export * from './shared/domain-event.js';
export * from './shared/aggregate-root.js';
export * from './shared/invariant.js';
export * from './money/decimal.js';
export * from './money/money.js';
export * from './money/percent.js';
export * from './money/currency-minor-unit.js';
export * from './calendar/local-date.js';
export * from './calendar/trading-calendar.js';
export * from './shared/sha256.js';
export * from './shared/canonical-json.js';
export * from './shared/stable-hash.js';
export * from './identity/user.js';
export * from './shared/crockford-base32.js';
// Sections 1–4 (docs/rules.md):
// - catalog: `ChallengeModel` (versioned, admin edits via `revise`/`setSizeEnabled`/`setSizePrice`),
//   seed `STELLAR_MODELS`, `RuleSnapshot.freeze(model, balance, calendarSettings)` (frozen, JSON round trip);
// - breach engine: `evaluate(state, snapshot, observation)` → verdict with floors, breach, warnings,
//   next state and replayable `inputHash`; `openDrawdownState`, `rollDrawdownDay`, `verdictInputs`,
//   `replayVerdict`; rules `DailyLossRule`, `MaxLossRule`;
// - lifecycle: `Challenge.create` / `restore`, `activate`, the reactions to its phase's trading account
//   (`recordTradingActivity`, `recordTradingDayStarted`, `failOnBreach`, `reinstateAfterOverride`),
//   `checkPhaseWith`, `startNextPhase`, `expire`, `reset`, `markFunded`, `cancel`, `refund`, `toState`;
//   rules `ProfitTargetRule`, `MinTradingDaysRule`, `InactivityRule`;
// - view: `accountMetrics(challengeState, tradingAccountMetrics(accountState, { now, balance, equity }), now)`.
export * from './shared/deep-freeze.js';
export * from './catalog/catalog-errors.js';
export * from './catalog/rule-options.js';
export * from './catalog/trading-restrictions.js';
export * from './catalog/model-parameters.js';
export * from './catalog/account-size.js';
export * from './catalog/challenge-model-events.js';
export * from './catalog/challenge-model.js';
export * from './catalog/stellar-models.js';
export * from './catalog/rule-snapshot.js';
export * from './drawdown/loss-limit.js';
export * from './drawdown/observed-tick.js';
export * from './drawdown/equity-observation.js';
export * from './drawdown/breach-record.js';
export * from './drawdown/drawdown-state.js';
export * from './drawdown/daily-loss-rule.js';
export * from './drawdown/max-loss-rule.js';
export * from './drawdown/drawdown-rules.js';
export * from './drawdown/roll-drawdown-day.js';
export * from './drawdown/rebase-drawdown.js';
export * from './drawdown/resume-drawdown.js';
export * from './drawdown/evaluate.js';
export * from './drawdown/drawdown-errors.js';
export * from './drawdown/verdict-replay.js';
export * from './drawdown/stored-verdict-replay.js';
// The trading account: one risk lifecycle for every watched login (challenge phase, funded account, competition entry).
export * from './trading-account/account-risk.js';
export * from './trading-account/trading-account-owner.js';
export * from './trading-account/trading-account-deal.js';
export * from './trading-account/trading-account-errors.js';
export * from './trading-account/trading-account-events.js';
export * from './trading-account/trading-account-state.js';
export * from './trading-account/trading-account.js';
// Section 14: the trading restrictions as rule objects fed by the frozen snapshot, judged by the trading account.
export * from './restrictions/restriction-violation.js';
export * from './restrictions/restriction-judgement.js';
export * from './restrictions/max-open-lots-per-asset-class.js';
export * from './restrictions/max-trade-lots-per-asset-class.js';
export * from './restrictions/max-trades-per-day.js';
export * from './restrictions/weekend-holding-ban.js';
export * from './restrictions/news-window.js';
export * from './restrictions/consistency.js';
export * from './restrictions/restriction-replay.js';
export * from './restrictions/restriction-breach.js';
export * from './trading-account/restriction-book.js';
export * from './challenge/challenge-status.js';
export * from './challenge/challenge-errors.js';
export * from './challenge/profit-target-rule.js';
export * from './challenge/min-trading-days-rule.js';
export * from './challenge/inactivity-rule.js';
export * from './challenge/phase-pass-policy.js';
export * from './challenge/challenge-events.js';
export * from './challenge/challenge-state.js';
export * from './challenge/challenge.js';
export * from './metrics/loss-limit-metrics.js';
export * from './metrics/account-metrics.js';
// Sections 5–13: KYC, agreements, funded accounts, scaling, competitions, affiliates, orders, trials, certificates.
export * from './kyc/kyc-errors.js';
export * from './kyc/country-code.js';
export * from './kyc/prohibited-countries.js';
export * from './kyc/document-number-hash.js';
export * from './kyc/kyc-status.js';
export * from './kyc/kyc-events.js';
export * from './kyc/kyc-case.js';
// Section 14: the economic calendar the news window reads.
export * from './economic-calendar/economic-calendar-errors.js';
export * from './economic-calendar/zoned-time.js';
export * from './economic-calendar/economic-event.js';
export * from './economic-calendar/economic-calendar-query.js';
export * from './agreement/agreement-errors.js';
export * from './agreement/agreement-version.js';
export * from './agreement/agreement-events.js';
export * from './agreement/agreement-signature.js';
export * from './scaling/scaling-settings.js';
export * from './scaling/scaling-decision.js';
export * from './scaling/scaling-policy.js';
export * from './funded/funded-errors.js';
export * from './funded/payout-terms.js';
export * from './funded/payout-eligibility.js';
export * from './funded/payout.js';
export * from './funded/funded-events.js';
export * from './funded/funded-breach-override.js';
export * from './funded/funded-account.js';
export * from './metrics/funded-account-metrics.js';
export * from './metrics/trading-account-metrics.js';
export * from './competition/competition-errors.js';
export * from './competition/competition-types.js';
export * from './competition/competition-events.js';
export * from './competition/standings.js';
export * from './competition/competition.js';
export * from './competition/competition-rule-snapshot.js';
export * from './competition/trader-leaderboard.js';
export * from './affiliate/affiliate-errors.js';
export * from './affiliate/affiliate-tiers.js';
export * from './affiliate/referral-code.js';
export * from './affiliate/attribution.js';
export * from './affiliate/self-referral.js';
export * from './affiliate/affiliate-types.js';
export * from './affiliate/affiliate-events.js';
export * from './affiliate/affiliate-dashboard.js';
export * from './affiliate/affiliate.js';
export * from './order/order-errors.js';
export * from './order/payment-gateway.js';
export * from './order/order-pricing.js';
export * from './order/order-charge.js';
export * from './order/order-types.js';
export * from './order/order-events.js';
export * from './order/order.js';
export * from './order/swap-policy.js';
export * from './trial/trial-errors.js';
export * from './trial/trial-types.js';
export * from './trial/trial-events.js';
export * from './trial/trial.js';
export * from './certificate/certificate-errors.js';
export * from './certificate/certificate-id.js';
export * from './certificate/certificate-kind.js';
export * from './certificate/certificate-events.js';
export * from './certificate/trader-certificates.js';
export * from './payments/gateway-settings.js';
export * from './payments/gateway-errors.js';
export * from './payments/gateway-availability.js';
export * from './payments/default-gateway-settings.js';
