import { DomainError, KycCase, type KycStatus } from '@tradesense/domain';
import { INVALID_CURSOR, type CursorPage, type KycCaseRepository, type LoadOptions, type PageRequest } from '@tradesense/application';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../challenges/keyset-cursor.js';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { kycCaseMapper, type KycCaseRow } from './kyc-case-mapper.js';
import { lockedIf } from './row-lock.js';

export class PostgresKycCaseRepository implements KycCaseRepository {
  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findById(id: string, options: LoadOptions = {}): Promise<KycCase | null> {
    return this.one(await lockedIf(this.db('kyc_cases').where({ id }), options).first());
  }

  async findByTrader(traderId: string, options: LoadOptions = {}): Promise<KycCase | null> {
    return this.one(await lockedIf(this.db('kyc_cases').where({ trader_id: traderId }), options).first());
  }

  async findByApplicant(provider: string, applicantId: string, options: LoadOptions = {}): Promise<KycCase | null> {
    return this.one(await lockedIf(this.db('kyc_cases').where({ provider, applicant_id: applicantId }), options).first());
  }

  async listByStatus(status: KycStatus, page: PageRequest): Promise<CursorPage<KycCase>> {
    const query: Knex.QueryBuilder = this.db('kyc_cases').where({ status });
    if (page.cursor) {
      const parts = decodeCursor(page.cursor, ['instant', 'id']);
      if (!parts) throw new DomainError(INVALID_CURSOR, 'The page cursor is not valid');
      void query.whereRaw('(updated_at, id) > (?, ?)', parts);
    }
    const rows = (await query.orderBy([{ column: 'updated_at' }, { column: 'id' }]).limit(page.limit + 1)) as KycCaseRow[];
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => this.restore(row)),
      nextCursor: rows.length > page.limit && last ? encodeCursor([last.updated_at.toISOString(), last.id]) : null,
    };
  }

  async save(kyc: KycCase): Promise<void> {
    const state = kyc.toState();
    await this.versions.save(this.db, 'kyc_cases', 'kyc_case', kyc, state.id, kycCaseMapper.toRow(state));
  }

  private one(row: KycCaseRow | undefined): KycCase | null {
    return row ? this.restore(row) : null;
  }

  private restore(row: KycCaseRow): KycCase {
    return this.versions.loaded(KycCase.restore(kycCaseMapper.toState(row)), row.version);
  }
}
