import { TradingCalendar } from '@tradesense/domain';
import { describe, expect, it } from 'vitest';
import type { UseCases } from '@tradesense/application';
import { platformJobs } from './platform-jobs.js';

describe('platform jobs', () => {
  it('schedules each job once by name, with the day rollover just after the firm reset', () => {
    const calendar = new TradingCalendar();
    const jobs = platformJobs({} as UseCases, calendar);
    const names = jobs.map((j) => j.name);
    expect(new Set(names).size).toBe(names.length);
    // Every platform job is idempotent, so an interrupted or failed run is retried.
    expect(jobs.filter((j) => !j.repeatable)).toEqual([]);
    const rollover = jobs.find((j) => j.name === 'day-rollover')!;
    expect(rollover.schedule.dueBetween(new Date('2026-11-01T12:00:00Z'), new Date('2026-11-02T12:00:00Z')).map((d) => d.toISOString())).toEqual([
      '2026-11-01T22:00:15.000Z',
    ]);
    // Competition standings must be fresh within 60 seconds.
    const leaderboards = jobs.find((j) => j.name === 'competition-leaderboards')!;
    expect(leaderboards.schedule.dueBetween(new Date(0), new Date(60_000)).length).toBeGreaterThanOrEqual(1);
  });

  it('rolls every trading account at the reset instant itself, then starts the phases still waiting for their account', async () => {
    const seen: string[] = [];
    const useCases = {
      rollAccountsTradingDay: { execute: async (input: { at: Date }) => (seen.push(`roll ${input.at.toISOString()}`), { ok: true, value: {} }) },
      startAwaitingPhases: { execute: async () => (seen.push('phases'), { ok: true, value: { started: 0 } }) },
    } as unknown as UseCases;
    const job = platformJobs(useCases, new TradingCalendar()).find((j) => j.name === 'day-rollover')!;
    const checkpoints: string[] = [];
    await job.run(new Date('2026-11-01T22:00:15.000Z'), { attempt: 1, checkpoint: async (name) => void checkpoints.push(name) });
    expect(checkpoints).toEqual(['accounts-rolled']);
    expect(seen).toEqual(['roll 2026-11-01T22:00:00.000Z', 'phases']);
  });

  it('checks the weekend cut-off every minute of the day up to and including Friday\'s reset, and nowhere else', async () => {
    const calendar = new TradingCalendar();
    const seen: string[] = [];
    const useCases = {
      checkWeekendCutOff: { execute: async (input: { at: Date }) => (seen.push(input.at.toISOString()), { ok: true, value: {} }) },
    } as unknown as UseCases;
    const job = platformJobs(useCases, calendar).find((j) => j.name === 'weekend-cut-off')!;
    expect(job.repeatable).toBe(true);
    // Friday 2026-11-06 17:00 New York (EST) is 22:00 UTC; the window starts 24 hours before.
    const week = job.schedule.dueBetween(new Date('2026-11-02T00:00:00Z'), new Date('2026-11-09T00:00:00Z'));
    expect(week).toHaveLength(24 * 60 + 1);
    expect(week[0]!.toISOString()).toBe('2026-11-05T22:00:00.000Z');
    expect(week.at(-1)!.toISOString()).toBe('2026-11-06T22:00:00.000Z');
    // The default cut-off (the reset itself) and one 30 minutes before it are both due.
    expect(week.map((d) => d.toISOString())).toContain('2026-11-06T21:30:00.000Z');
    // Nothing on other days' resets.
    expect(job.schedule.dueBetween(new Date('2026-11-06T22:00:00Z'), new Date('2026-11-12T21:59:00Z'))).toEqual([]);
    // After downtime only the latest missed run, the reset, is caught up.
    expect(job.schedule.catchUp).toBe(1);
    await job.run(new Date('2026-11-06T22:00:00.000Z'), { attempt: 1, checkpoint: async () => undefined });
    expect(seen).toEqual(['2026-11-06T22:00:00.000Z']);
  });

  it('fails the run when the use case refuses, so the scheduler records and logs it', async () => {
    const refusal = { ok: false as const, error: Object.assign(new Error('nope'), { code: 'X.Y', details: {} }) };
    const useCases = { compensateLatePayouts: { execute: async () => refusal } } as unknown as UseCases;
    const job = platformJobs(useCases, new TradingCalendar()).find((j) => j.name === 'payout-guarantee')!;
    await expect(job.run(new Date(), { attempt: 1, checkpoint: async () => undefined })).rejects.toThrow('nope');
  });
});
