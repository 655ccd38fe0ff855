import { ChallengeModel } from '@tradesense/domain';
import type { ChallengeModelRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { challengeModelMapper, type ChallengeModelRow, type ChallengeModelVersionRow } from './challenge-model-mapper.js';

export class PostgresChallengeModelRepository implements ChallengeModelRepository {
  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async list(): Promise<ChallengeModel[]> {
    const rows = (await this.db('challenge_models').orderBy([{ column: 'position' }, { column: 'id' }])) as ChallengeModelRow[];
    return rows.map((row) => this.loaded(row));
  }

  async findById(id: string): Promise<ChallengeModel | null> {
    const row = (await this.db('challenge_models').where({ id }).first()) as ChallengeModelRow | undefined;
    return row ? this.loaded(row) : null;
  }

  async findVersion(id: string, version: number): Promise<ChallengeModel | null> {
    const row = (await this.db('challenge_model_versions').where({ model_id: id, model_version: version }).first()) as
      | ChallengeModelVersionRow
      | undefined;
    return row ? ChallengeModel.restore(challengeModelMapper.versionToState(row)) : null;
  }

  async save(model: ChallengeModel, at: Date): Promise<void> {
    await this.versions.save(this.db, 'challenge_models', 'challenge_model', model, model.id, challengeModelMapper.toRow(model, at));
    await this.db('challenge_model_versions')
      .insert(challengeModelMapper.toVersionRow(model, at))
      .onConflict(['model_id', 'model_version'])
      .ignore();
  }

  private loaded(row: ChallengeModelRow): ChallengeModel {
    return this.versions.loaded(ChallengeModel.restore(challengeModelMapper.toState(row)), row.version);
  }
}
