import type { CertificateKind, CertificateRecord, TraderCertificatesState } from '@tradesense/domain';

export interface TraderCertificatesRow {
  id: string;
  trader_id: string;
  version: number;
}

export interface CertificateRow {
  id: string;
  trader_certificates_id: string;
  trader_id: string;
  position: number;
  kind: CertificateKind;
  title: string;
  trader_name: string;
  awarded_at: Date;
}

export const CERTIFICATE_COLUMNS = ['id', 'trader_certificates_id', 'trader_id', 'position', 'kind', 'title', 'trader_name', 'awarded_at'];

export const certificateMapper = {
  toRow: (record: CertificateRecord, owner: TraderCertificatesState, position: number): CertificateRow => ({
    id: record.id,
    trader_certificates_id: owner.id,
    trader_id: owner.traderId,
    position,
    kind: record.kind,
    title: record.title,
    trader_name: record.traderName,
    awarded_at: record.awardedAt,
  }),
  toRecord: (row: CertificateRow): CertificateRecord => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    traderName: row.trader_name,
    awardedAt: row.awarded_at,
  }),
};

export const traderCertificatesMapper = {
  toState: (row: TraderCertificatesRow, certificates: readonly CertificateRow[]): TraderCertificatesState => ({
    id: row.id,
    version: row.version,
    traderId: row.trader_id,
    certificates: [...certificates].sort((a, b) => a.position - b.position).map(certificateMapper.toRecord),
  }),
};
