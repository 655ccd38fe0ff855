import { CLOCK, PRICE_FEED, RISK_WATCH_SIGNALS, RiskWatchList, TRADING_PLATFORM, UNIT_OF_WORK, WORKER_REGISTRY } from '@tradesense/application';
import { TRADING_CALENDAR, type Platform } from '@tradesense/bootstrap';
import { RiskMonitor } from './risk-monitor.js';

/** Heartbeats a worker may miss before the others take over its accounts. */
export const MISSED_HEARTBEATS_BEFORE_FAILOVER = 3;

/** The risk monitor of one worker, from the platform's ports and use cases. */
export function createRiskMonitor(platform: Platform, options: { workerId: string; leaseMs?: number }): RiskMonitor {
  const leaseMs = options.leaseMs ?? platform.config.worker.heartbeatSeconds * 1000 * MISSED_HEARTBEATS_BEFORE_FAILOVER;
  return new RiskMonitor({
    workerId: options.workerId,
    clock: platform.get(CLOCK),
    registry: platform.get(WORKER_REGISTRY),
    leaseMs,
    watchList: new RiskWatchList(platform.get(UNIT_OF_WORK)),
    platform: platform.get(TRADING_PLATFORM),
    feed: platform.get(PRICE_FEED),
    useCases: platform.useCases,
    calendar: platform.get(TRADING_CALENDAR),
    logger: platform.logger.child({ worker: options.workerId }),
    signals: platform.get(RISK_WATCH_SIGNALS),
    // Only when metrics are served: otherwise the tick path does no timing at all.
    ...(platform.metrics.url !== null ? { metrics: platform.metrics.risk } : {}),
  });
}
