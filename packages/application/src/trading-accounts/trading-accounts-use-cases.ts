import type { OutboxHandler } from '../ports/outbox-handler.js';
import type { UseCaseDependencies } from '../use-case-dependencies.js';
import type { TradingAccountOwners, TradingAccountWriter } from './ports/trading-account-owner-reactions.js';
import { tradingAccountLink } from './shared/trading-account-links.js';
import { OutboxTradingAccountWriter } from './shared/trading-account-writer.js';
import { TradingAccountFollowUpHandler } from './trading-account-follow-up-handler.js';
import { TradingAccountPositionCloseHandler } from './trading-account-position-close-handler.js';
import { CheckWeekendCutOff } from './use-cases/check-weekend-cut-off.js';
import { ClearAccountViolation } from './use-cases/clear-account-violation.js';
import { CloseViolatingPositions } from './use-cases/close-violating-positions.js';
import { EvaluateEquity } from './use-cases/evaluate-equity.js';
import { HandleAccountBreach } from './use-cases/handle-account-breach.js';
import { ListAccountViolations, ListOpenViolations } from './use-cases/list-account-violations.js';
import { OverrideAccountBreach } from './use-cases/override-account-breach.js';
import { RecordAccountDeals } from './use-cases/record-account-deals.js';
import { ReplayAccountVerdict } from './use-cases/replay-account-verdict.js';
import { ReplayAccountViolation } from './use-cases/replay-account-violation.js';
import { ResumeAccountTrading } from './use-cases/resume-account-trading.js';
import { RollAccountsTradingDay } from './use-cases/roll-trading-day.js';
import { TradingAccountMetricsQuery } from './use-cases/trading-account-metrics.js';

/** The one writer of trading accounts, reacting owners included; every context that changes an account saves it through it. */
export function createTradingAccountWriter(deps: UseCaseDependencies, owners: TradingAccountOwners): TradingAccountWriter {
  return new OutboxTradingAccountWriter(deps.ids, tradingAccountLink(deps.links.publicBaseUrl), owners);
}

/** The risk lifecycle's use cases, once for every kind of account (docs/rules.md §4). */
export function createTradingAccountsUseCases(deps: UseCaseDependencies, writer: TradingAccountWriter) {
  const { uow, clock, ids, calendar, tradingPlatform, priceFeed, orderExecution } = deps;
  const handleAccountBreach = new HandleAccountBreach(uow, tradingPlatform, writer, ids, clock);
  const resumeAccountTrading = new ResumeAccountTrading(uow, tradingPlatform);
  return {
    handleAccountBreach,
    recordAccountDeals: new RecordAccountDeals(uow, tradingPlatform, writer, handleAccountBreach, priceFeed),
    evaluateEquity: new EvaluateEquity(uow, writer, handleAccountBreach, clock),
    rollAccountsTradingDay: new RollAccountsTradingDay(uow, calendar, writer, handleAccountBreach, clock),
    overrideAccountBreach: new OverrideAccountBreach(uow, tradingPlatform, writer, resumeAccountTrading, clock),
    resumeAccountTrading,
    replayAccountVerdict: new ReplayAccountVerdict(uow),
    replayAccountViolation: new ReplayAccountViolation(uow),
    listAccountViolations: new ListAccountViolations(uow),
    listOpenViolations: new ListOpenViolations(uow),
    clearAccountViolation: new ClearAccountViolation(uow, writer, clock),
    checkWeekendCutOff: new CheckWeekendCutOff(uow, writer, handleAccountBreach, clock),
    closeViolatingPositions: new CloseViolatingPositions(uow, tradingPlatform, orderExecution, clock),
    tradingAccountMetrics: new TradingAccountMetricsQuery(uow, tradingPlatform, clock),
  };
}

export type TradingAccountsUseCases = ReturnType<typeof createTradingAccountsUseCases>;

/** Outbox handlers of the trading-accounts context (the composition root multi-binds them to OUTBOX_HANDLER). */
export function createTradingAccountsOutboxHandlers(
  useCases: Pick<TradingAccountsUseCases, 'resumeAccountTrading' | 'closeViolatingPositions'>,
): OutboxHandler[] {
  return [new TradingAccountFollowUpHandler(useCases), new TradingAccountPositionCloseHandler(useCases)];
}
