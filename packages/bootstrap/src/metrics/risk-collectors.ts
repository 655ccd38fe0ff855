import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { RiskFigures, RiskMetrics } from './platform-metrics.js';

/** The engine settles a tick in microseconds; anything near 100 ms means it is starved. */
const VERDICT_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];
/** A healthy feed delivers within a second; minutes mean a stalled or reconnecting feed. */
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * The engines' own counters are the source of truth (the tick path stays
 * free of metric calls); each scrape copies their sum into the families.
 */
export function riskCollectors(registry: Registry): RiskMetrics {
  const sources = new Set<() => RiskFigures>();
  const read = () => [...sources].map((figures) => figures());
  const sum = (pick: (figures: RiskFigures) => number) => read().reduce((total, figures) => total + pick(figures), 0);

  new Counter({
    name: 'tradesense_risk_ticks_total',
    help: 'Price ticks the risk engine took in (older ticks arriving late are ignored and not counted).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sum((figures) => figures.ticks));
    },
  });
  new Counter({
    name: 'tradesense_risk_evaluations_total',
    help: 'Account evaluations: exact (Decimal, through the domain) or screened (settled by the float pre-check).',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      const figures = read();
      this.reset();
      this.inc({ kind: 'exact' }, figures.reduce((total, f) => total + f.exactEvaluations, 0));
      this.inc({ kind: 'screened' }, figures.reduce((total, f) => total + f.screenedEvaluations, 0));
    },
  });
  new Gauge({
    name: 'tradesense_risk_watched_accounts',
    help: 'Trading accounts this worker watches for breaches.',
    registers: [registry],
    collect() {
      this.set(sum((figures) => figures.watchedAccounts));
    },
  });
  new Gauge({
    name: 'tradesense_risk_accounts_near_level',
    help: 'Watched accounts whose equity is in the early-warning band of a loss limit.',
    registers: [registry],
    collect() {
      this.set(sum((figures) => figures.accountsNearLevel()));
    },
  });
  const verdict = new Histogram({
    name: 'tradesense_risk_tick_to_verdict_seconds',
    help: 'Wall time from a tick reaching the risk engine to an exact verdict on an account it moved.',
    buckets: VERDICT_BUCKETS,
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'tradesense_feed_lag_seconds',
    help: "Seconds between a tick's own time and when the risk engine processed it (0 when the feed's clock is ahead).",
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  return {
    watch(figures) {
      sources.add(figures);
      return () => void sources.delete(figures);
    },
    tickProcessed: (lagSeconds) => lag.observe(Math.max(0, lagSeconds)),
    verdictReached: (seconds) => verdict.observe(seconds),
  };
}
