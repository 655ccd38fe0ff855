import { Competition, DomainError, CompetitionErrorCode, type LocalDate } from '@tradesense/domain';
import type { CompetitionListing, CompetitionRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import { isUniqueViolation } from '../shared/pg-errors.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { competitionMapper, type CompetitionEntryRow, type CompetitionRow } from './competition-mapper.js';
import { chunks, LoadedChildren } from './loaded-children.js';

export class PostgresCompetitionRepository implements CompetitionRepository {
  private readonly entries = new LoadedChildren();

  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findById(id: string): Promise<Competition | null> {
    const row = (await this.db('competitions').where({ id }).first()) as CompetitionRow | undefined;
    if (!row) return null;
    const entryRows = (await this.db('competition_entries')
      .where({ competition_id: id })
      .orderBy('position')) as CompetitionEntryRow[];
    const competition = Competition.restore(competitionMapper.toState(row, entryRows));
    this.remember(competition);
    return this.versions.loaded(competition, row.version);
  }

  async save(competition: Competition): Promise<void> {
    const state = competition.toState();
    await this.versions.save(this.db, 'competitions', 'competition', competition, state.id, competitionMapper.toRow(state));
    const rows = this.entryRows(competition);
    const { added, changed } = this.entries.changes(competition, rows);
    try {
      for (const batch of chunks(added)) await this.db('competition_entries').insert(batch);
    } catch (error) {
      if (isUniqueViolation(error, 'competition_entries_user_unique')) {
        throw new DomainError(CompetitionErrorCode.ALREADY_REGISTERED, 'Already registered', {});
      }
      throw error;
    }
    // One upsert per batch updates every changed entry (the leaderboard pass changes many at once).
    for (const batch of chunks(changed)) await this.db('competition_entries').insert(batch).onConflict('id').merge();
    this.entries.remember(competition, rows);
  }

  async list(): Promise<CompetitionListing[]> {
    const rows = (await this.db('competitions as c')
      .select('c.*', this.db.raw('(select count(*) from competition_entries e where e.competition_id = c.id) as participants'))
      .orderBy([
        { column: 'c.starts', order: 'desc' },
        { column: 'c.created_at', order: 'desc' },
        { column: 'c.id', order: 'asc' },
      ])) as (CompetitionRow & { participants: string })[];
    return rows.map((row) => ({ state: competitionMapper.toState(row, []), participants: Number(row.participants) }));
  }

  async idsRunningOn(day: LocalDate): Promise<string[]> {
    return (await this.db('competitions').where('starts', '<=', day).andWhere('ends', '>=', day).orderBy('id').pluck('id')) as string[];
  }

  private remember(competition: Competition): void {
    this.entries.remember(competition, this.entryRows(competition));
  }

  private entryRows(competition: Competition): [string, CompetitionEntryRow][] {
    return competition.entries().map((e, i) => [e.id, competitionMapper.entryToRow(competition.id, e, i)]);
  }
}
