import { Gauge, type Registry } from 'prom-client';
import type { JobMetrics } from './platform-metrics.js';

/** The scheduled jobs this worker ran: when each last finished, how, and how long it took. */
export function jobCollectors(registry: Registry): JobMetrics {
  const lastRun = new Gauge({
    name: 'tradesense_job_last_run_timestamp_seconds',
    help: 'When a scheduled job last finished in this worker (Unix time), by job and outcome.',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const lastDuration = new Gauge({
    name: 'tradesense_job_last_run_duration_seconds',
    help: "How long a scheduled job's last run in this worker took, by job.",
    labelNames: ['job'] as const,
    registers: [registry],
  });
  return {
    runFinished({ job, outcome, finishedAt, seconds }) {
      lastRun.set({ job, outcome }, finishedAt.getTime() / 1000);
      lastDuration.set({ job }, seconds);
    },
  };
}
