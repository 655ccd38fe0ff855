import type { KycCaseState, KycRejectionKind, KycStatus } from '@tradesense/domain';
import { json } from './column-values.js';

export interface KycCaseRow {
  id: string;
  trader_id: string;
  provider: string;
  applicant_id: string | null;
  country: string | null;
  status: KycStatus;
  document_type: string | null;
  document_country: string | null;
  document_number_hash: string | null;
  rejection: StoredRejection | null;
  attempt: number;
  opened_at: Date;
  updated_at: Date;
  approved_at: Date | null;
  approved_by: string | null;
  version: number;
}

interface StoredRejection {
  kind: KycRejectionKind;
  reasons: string[];
  actor: string;
  at: string;
}

export const kycCaseMapper = {
  toRow: (s: KycCaseState) => ({
    trader_id: s.traderId,
    provider: s.provider,
    applicant_id: s.applicantId,
    country: s.country,
    status: s.status,
    document_type: s.document?.type ?? null,
    document_country: s.document?.country ?? null,
    document_number_hash: s.document?.numberHash ?? null,
    rejection: s.rejection ? json({ ...s.rejection, at: s.rejection.at.toISOString() }) : null,
    attempt: s.attempt,
    opened_at: s.openedAt,
    updated_at: s.updatedAt,
    approved_at: s.approvedAt,
    approved_by: s.approvedBy,
  }),
  toState: (r: KycCaseRow): KycCaseState => ({
    id: r.id,
    version: r.version,
    traderId: r.trader_id,
    provider: r.provider,
    applicantId: r.applicant_id,
    country: r.country,
    status: r.status,
    document:
      r.document_type !== null && r.document_country !== null && r.document_number_hash !== null
        ? { type: r.document_type, country: r.document_country, numberHash: r.document_number_hash }
        : null,
    rejection: r.rejection ? { ...r.rejection, reasons: [...r.rejection.reasons], at: new Date(r.rejection.at) } : null,
    attempt: r.attempt,
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
  }),
};
