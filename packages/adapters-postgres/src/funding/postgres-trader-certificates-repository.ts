import { TraderCertificates } from '@tradesense/domain';
import { ConcurrencyConflict, type LoadOptions, type StoredCertificate, type TraderCertificatesRepository } from '@tradesense/application';
import { isUniqueViolation } from '../shared/pg-errors.js';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { bytes } from './column-values.js';
import { lockedIf } from './row-lock.js';
import {
  CERTIFICATE_COLUMNS,
  certificateMapper,
  traderCertificatesMapper,
  type CertificateRow,
  type TraderCertificatesRow,
} from './trader-certificates-mapper.js';

/** A trader's certificates: one versioned row per trader, one row per certificate (with its PDF). */
export class PostgresTraderCertificatesRepository implements TraderCertificatesRepository {
  /** Certificate ids that have a row already, per aggregate (certificates are never changed once awarded). */
  private readonly stored = new WeakMap<TraderCertificates, Set<string>>();

  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findByTrader(traderId: string, options: LoadOptions = {}): Promise<TraderCertificates | null> {
    const row = (await lockedIf(this.db('trader_certificates').where({ trader_id: traderId }), options).first()) as
      | TraderCertificatesRow
      | undefined;
    if (!row) return null;
    const certificates = (await this.db('certificates').select(CERTIFICATE_COLUMNS).where({ trader_certificates_id: row.id })) as CertificateRow[];
    const loaded = this.versions.loaded(TraderCertificates.restore(traderCertificatesMapper.toState(row, certificates)), row.version);
    this.stored.set(loaded, new Set(certificates.map((certificate) => certificate.id)));
    return loaded;
  }

  async save(certificates: TraderCertificates): Promise<void> {
    const state = certificates.toState();
    try {
      await this.versions.save(this.db, 'trader_certificates', 'trader_certificates', certificates, state.id, { trader_id: state.traderId });
    } catch (error) {
      // Two first awards for one trader raced: the loser reloads the winner's record and decides again.
      if (isUniqueViolation(error, 'trader_certificates_trader_id_unique')) {
        throw new ConcurrencyConflict('trader_certificates', state.id, 0);
      }
      throw error;
    }
    const stored = this.stored.get(certificates) ?? new Set<string>();
    const rows = state.certificates
      .map((record, position) => certificateMapper.toRow(record, state, position))
      .filter((row) => !stored.has(row.id));
    if (rows.length > 0) await this.db('certificates').insert(rows);
    this.stored.set(certificates, new Set([...stored, ...rows.map((row) => row.id)]));
  }

  async storePdf(certificateId: string, pdf: Uint8Array): Promise<void> {
    await this.db('certificates').where({ id: certificateId }).update({ pdf: Buffer.from(pdf) });
  }

  async findCertificate(certificateId: string): Promise<StoredCertificate | null> {
    const row = (await this.db('certificates').select(CERTIFICATE_COLUMNS).where({ id: certificateId }).first()) as CertificateRow | undefined;
    return row ? { traderId: row.trader_id, record: certificateMapper.toRecord(row) } : null;
  }

  async pdf(certificateId: string): Promise<{ traderId: string; pdf: Uint8Array } | null> {
    const row = (await this.db('certificates').select('trader_id', 'pdf').where({ id: certificateId }).first()) as
      | { trader_id: string; pdf: Uint8Array | null }
      | undefined;
    return row?.pdf ? { traderId: row.trader_id, pdf: bytes(row.pdf) } : null;
  }
}
