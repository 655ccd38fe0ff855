import { AgreementSignature, AgreementVersion } from '@tradesense/domain';
import type { AgreementSignatureRepository, AgreementVersionRepository } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { agreementSignatureMapper, agreementVersionMapper, type AgreementSignatureRow, type AgreementVersionRow } from './agreement-mappers.js';
import { bytes } from './column-values.js';

/** Published agreement texts; a version is never changed once published (a new wording is a new version). */
export class PostgresAgreementVersionRepository implements AgreementVersionRepository {
  constructor(private readonly db: Queryable) {}

  async current(agreementId: string): Promise<AgreementVersion | null> {
    const row = (await this.db('agreement_versions')
      .where({ agreement_id: agreementId })
      .orderBy([
        { column: 'published_at', order: 'desc' },
        { column: 'version', order: 'desc' },
      ])
      .first()) as AgreementVersionRow | undefined;
    return row ? AgreementVersion.restore(agreementVersionMapper.toState(row)) : null;
  }

  async find(agreementId: string, version: string): Promise<AgreementVersion | null> {
    const row = (await this.db('agreement_versions').where({ agreement_id: agreementId, version }).first()) as AgreementVersionRow | undefined;
    return row ? AgreementVersion.restore(agreementVersionMapper.toState(row)) : null;
  }

  async publish(version: AgreementVersion): Promise<boolean> {
    const inserted = await this.db('agreement_versions')
      .insert(agreementVersionMapper.toRow(version.toState()))
      .onConflict(['agreement_id', 'version'])
      .ignore()
      .returning('version');
    return inserted.length > 0;
  }
}

const SIGNATURE_COLUMNS = [
  'id',
  'trader_id',
  'agreement_id',
  'agreement_version',
  'text_hash',
  'typed_name',
  'ip_address',
  'user_agent',
  'signed_at',
  'version',
];

/** Signature records with their signed PDF copy; immutable once added. */
export class PostgresAgreementSignatureRepository implements AgreementSignatureRepository {
  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findById(id: string): Promise<AgreementSignature | null> {
    return this.one(await this.db('agreement_signatures').select(SIGNATURE_COLUMNS).where({ id }).first());
  }

  async findLatestByTrader(traderId: string, agreementId: string): Promise<AgreementSignature | null> {
    return this.one(
      await this.db('agreement_signatures')
        .select(SIGNATURE_COLUMNS)
        .where({ trader_id: traderId, agreement_id: agreementId })
        .orderBy([
          { column: 'signed_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first(),
    );
  }

  async add(signature: AgreementSignature, signedPdf: Uint8Array): Promise<void> {
    const state = signature.toState();
    await this.versions.save(this.db, 'agreement_signatures', 'agreement_signature', signature, state.id, {
      ...agreementSignatureMapper.toRow(state),
      signed_pdf: Buffer.from(signedPdf),
    });
  }

  async signedPdf(signatureId: string): Promise<{ traderId: string; pdf: Uint8Array } | null> {
    const row = (await this.db('agreement_signatures').select('trader_id', 'signed_pdf').where({ id: signatureId }).first()) as
      | { trader_id: string; signed_pdf: Uint8Array }
      | undefined;
    return row ? { traderId: row.trader_id, pdf: bytes(row.signed_pdf) } : null;
  }

  private one(row: AgreementSignatureRow | undefined): AgreementSignature | null {
    return row ? this.versions.loaded(AgreementSignature.restore(agreementSignatureMapper.toState(row)), row.version) : null;
  }
}
