import type { JobLock } from '@tradesense/application';
import type { Knex } from 'knex';

/** (job, due_at) is the primary key: the first insert wins, whoever makes it. */
export class PostgresJobLock implements JobLock {
  constructor(private readonly knex: Knex) {}

  async claim(job: string, dueAt: Date, claimant: string, at: Date): Promise<boolean> {
    const inserted = await this.knex('job_runs')
      .insert({ job, due_at: dueAt, claimed_by: claimant, claimed_at: at })
      .onConflict(['job', 'due_at'])
      .ignore()
      .returning('job');
    return inserted.length > 0;
  }

  async finish(job: string, dueAt: Date, outcome: 'succeeded' | 'failed', at: Date): Promise<void> {
    await this.knex('job_runs').where({ job, due_at: dueAt }).update({ finished_at: at, outcome });
  }

  async lastDue(job: string): Promise<Date | null> {
    const row = (await this.knex('job_runs').where({ job }).max({ due: 'due_at' }).first()) as { due: Date | null } | undefined;
    return row?.due ?? null;
  }
}
