import type { CompetitionMilestoneRepository } from '@tradesense/application';
import type { CompetitionStatus } from '@tradesense/domain';
import type { Queryable } from '../shared/queryable.js';

export class PostgresCompetitionMilestoneRepository implements CompetitionMilestoneRepository {
  constructor(private readonly db: Queryable) {}

  async record(competitionId: string, status: CompetitionStatus, at: Date): Promise<boolean> {
    const inserted = (await this.db('competition_milestones')
      .insert({ competition_id: competitionId, status, recorded_at: at })
      .onConflict(['competition_id', 'status'])
      .ignore()
      .returning('status')) as unknown[];
    return inserted.length > 0;
  }

  async reached(competitionId: string): Promise<CompetitionStatus[]> {
    return (await this.db('competition_milestones').where({ competition_id: competitionId }).pluck('status')) as CompetitionStatus[];
  }

  async idsNotEnded(): Promise<string[]> {
    return (await this.db('competitions as c')
      .whereNotExists(
        this.db('competition_milestones as m').select(this.db.raw('1')).whereRaw('m.competition_id = c.id').andWhere('m.status', 'ended'),
      )
      .orderBy('c.id')
      .pluck('c.id')) as string[];
  }
}
