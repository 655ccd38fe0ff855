import { CertificateId, ok, type CertificateKind, type DomainError, type LocalDate, type Result, type TradingCalendar } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';

export type CertificateVerification =
  | {
      readonly valid: true;
      readonly certificateId: string;
      readonly traderName: string;
      readonly title: string;
      readonly kind: CertificateKind;
      readonly awardedOn: LocalDate;
      readonly awardedAt: Date;
    }
  | { readonly valid: false; readonly certificateId: string };

/**
 * The public verification page behind a certificate's QR code: name, title
 * and date of a certificate the firm issued, or `valid: false` for an id it
 * never issued (malformed ids included). Nothing else about the trader.
 */
export class VerifyCertificate {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(input: { certificateId: string }): Promise<Result<CertificateVerification, DomainError>> {
    const parsed = CertificateId.parse(input.certificateId);
    if (!parsed.ok) return ok({ valid: false, certificateId: input.certificateId });
    const stored = await this.uow.run((tx) => tx.traderCertificates.findCertificate(parsed.value.value));
    if (!stored) return ok({ valid: false, certificateId: parsed.value.value });
    const { record } = stored;
    return ok({
      valid: true,
      certificateId: record.id,
      traderName: record.traderName,
      title: record.title,
      kind: record.kind,
      awardedOn: this.calendar.tradingDayOf(record.awardedAt),
      awardedAt: record.awardedAt,
    });
  }
}
