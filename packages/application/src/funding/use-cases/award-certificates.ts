import {
  CERTIFICATE_TITLES,
  CertificateId,
  Money,
  TraderCertificates,
  eligibleCertificates,
  err,
  ok,
  type CertificateKind,
  type DomainError,
  type LocalDate,
  type Result,
  type TraderAchievements,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { CertificateTitle, DocumentRenderer } from '../../ports/document-renderer.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { FundingSettings } from '../funding-settings.js';
import { traderChallenges } from '../shared/trader-challenges.js';
import { traderProfile } from '../shared/trader-profile.js';

export interface AwardCertificatesInput {
  readonly userId: string;
}

export interface AwardedCertificate {
  readonly certificateId: string;
  readonly kind: CertificateKind;
  readonly title: string;
  readonly awardedOn: LocalDate;
  readonly verificationUrl: string;
}

/** Random bytes behind a certificate id (128 bits). */
const CERTIFICATE_ID_BYTES = 16;

interface Rendered {
  readonly kind: CertificateKind;
  readonly id: CertificateId;
  readonly pdf: Uint8Array;
  readonly verificationUrl: string;
}

/**
 * Awards the certificates a trader has earned and not yet received (section
 * 12): Elite Trader after passing phase 1, Crown Trader after the first
 * payout paid, Max Allocation at a total funded allocation of 300,000. Each
 * once per trader, under an unguessable id, as a PDF with the public
 * verification link; rendered before the transaction, stored with the award.
 */
export class AwardCertificates {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly documents: DocumentRenderer,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly settings: FundingSettings,
    private readonly verificationUrl: (certificateId: string) => string,
  ) {}

  async execute(input: AwardCertificatesInput): Promise<Result<{ awarded: readonly AwardedCertificate[] }, DomainError>> {
    const at = this.clock.now();
    const awardedOn = this.calendar.tradingDayOf(at);
    const planned = await this.uow.run(async (tx) => {
      const trader = await traderProfile(tx, input.userId);
      if (!trader) return err(sharedErrors.userNotFound(input.userId));
      const achievements = await this.achievements(tx, input.userId);
      const existing = await tx.traderCertificates.findByTrader(input.userId);
      const due = existing
        ? existing.dueKinds(achievements, this.settings.certificateThresholds)
        : eligibleCertificates(achievements, this.settings.certificateThresholds);
      return ok({ trader, achievements, due });
    });
    if (!planned.ok) return planned;
    const { trader, achievements, due } = planned.value;
    if (due.length === 0) return ok({ awarded: [] });

    const rendered: Rendered[] = [];
    for (const kind of due) {
      const id = CertificateId.fromEntropy(this.ids.randomBytes(CERTIFICATE_ID_BYTES));
      if (!id.ok) return id;
      const verificationUrl = this.verificationUrl(id.value.value);
      const pdf = await this.documents.renderCertificate({
        traderName: trader.name,
        title: CERTIFICATE_TITLES[kind] as CertificateTitle,
        awardedOn,
        certificateId: id.value.value,
        verificationUrl,
      });
      rendered.push({ kind, id: id.value, pdf, verificationUrl });
    }

    return retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const certificates =
          (await tx.traderCertificates.findByTrader(input.userId, { lock: true })) ??
          TraderCertificates.empty({ id: this.ids.newId(), traderId: input.userId });
        const awarded: AwardedCertificate[] = [];
        const pdfs: Rendered[] = [];
        for (const item of rendered) {
          // Awarded by a concurrent call meanwhile: its certificate stands, this rendering is dropped.
          if (certificates.has(item.kind)) continue;
          const record = certificates.award(
            { kind: item.kind, certificateId: item.id, traderName: trader.name, achievements, at },
            this.settings.certificateThresholds,
          );
          if (!record.ok) return record;
          awarded.push({ certificateId: record.value.id, kind: item.kind, title: record.value.title, awardedOn, verificationUrl: item.verificationUrl });
          pdfs.push(item);
        }
        if (awarded.length === 0) return ok({ awarded });
        await tx.traderCertificates.save(certificates);
        for (const item of pdfs) await tx.traderCertificates.storePdf(item.id.value, item.pdf);
        await tx.outbox.add([
          ...eventsToOutbox('trader_certificates', certificates.pullEvents()),
          ...awarded.map((certificate) => ({
            topic: 'email.certificate_awarded',
            aggregateType: 'trader_certificates',
            aggregateId: certificates.id,
            payload: {
              to: trader.email,
              traderName: trader.name,
              title: certificate.title,
              certificateId: certificate.certificateId,
              awardedOn: certificate.awardedOn,
              verificationUrl: certificate.verificationUrl,
            },
            occurredAt: at,
          })),
        ]);
        return ok({ awarded });
      }),
    );
  }

  private async achievements(tx: TransactionScope, traderId: string): Promise<TraderAchievements> {
    const challenges = await traderChallenges(tx, traderId);
    const passedPhase1 = challenges.some((challenge) =>
      challenge.history.some((record) => record.phase === 1 && record.outcome === 'passed'),
    );
    const funded = await tx.fundedAccounts.listByTrader(traderId);
    const firstPayoutPaid = funded.some((account) => account.payouts().some((payout) => payout.status === 'paid'));
    const totalFundedAllocation = funded
      .filter((account) => account.status === 'active')
      .reduce((sum, account) => sum.plus(Money.of(account.initialBalance.amount, sum.currency)), Money.zero());
    return { passedPhase1, firstPayoutPaid, totalFundedAllocation };
  }
}
