import type { AgreementSignatureState, AgreementVersionState } from '@tradesense/domain';

export interface AgreementVersionRow {
  agreement_id: string;
  version: string;
  text: string;
  text_hash: string;
  published_at: Date;
}

export interface AgreementSignatureRow {
  id: string;
  trader_id: string;
  agreement_id: string;
  agreement_version: string;
  text_hash: string;
  typed_name: string;
  ip_address: string;
  user_agent: string;
  signed_at: Date;
  version: number;
}

export const agreementVersionMapper = {
  toRow: (s: AgreementVersionState): AgreementVersionRow => ({
    agreement_id: s.agreementId,
    version: s.version,
    text: s.text,
    text_hash: s.textHash,
    published_at: s.publishedAt,
  }),
  toState: (r: AgreementVersionRow): AgreementVersionState => ({
    agreementId: r.agreement_id,
    version: r.version,
    text: r.text,
    textHash: r.text_hash,
    publishedAt: r.published_at,
  }),
};

export const agreementSignatureMapper = {
  toRow: (s: AgreementSignatureState) => ({
    trader_id: s.traderId,
    agreement_id: s.agreementId,
    agreement_version: s.agreementVersion,
    text_hash: s.textHash,
    typed_name: s.typedName,
    ip_address: s.ipAddress,
    user_agent: s.userAgent,
    signed_at: s.signedAt,
  }),
  toState: (r: AgreementSignatureRow): AgreementSignatureState => ({
    id: r.id,
    version: r.version,
    traderId: r.trader_id,
    agreementId: r.agreement_id,
    agreementVersion: r.agreement_version,
    textHash: r.text_hash,
    typedName: r.typed_name,
    ipAddress: r.ip_address,
    userAgent: r.user_agent,
    signedAt: r.signed_at,
  }),
};
