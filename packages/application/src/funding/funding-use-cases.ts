import type { OutboxHandler } from '../ports/outbox-handler.js';
import type { TradingAccountMetricsReader } from '../trading-accounts/ports/trading-account-metrics-reader.js';
import type { TradingAccountWriter } from '../trading-accounts/ports/trading-account-owner-reactions.js';
import type { UseCaseDependencies } from '../use-case-dependencies.js';
import { FundingFollowUpHandler } from './funding-follow-up-handler.js';
import { DEFAULT_FUNDING_SETTINGS, type FundingSettings } from './funding-settings.js';
import { fundingLinks } from './shared/funding-links.js';
import { ActivateFundedAccount } from './use-cases/activate-funded-account.js';
import { ApprovePayout } from './use-cases/approve-payout.js';
import { AwardCertificates } from './use-cases/award-certificates.js';
import { CompensateLatePayouts } from './use-cases/compensate-late-payouts.js';
import { CurrentAgreement } from './use-cases/current-agreement.js';
import { FundedAccountLoginQuery } from './use-cases/funded-account-login.js';
import { FundedAccountMetricsQuery } from './use-cases/funded-account-metrics.js';
import { FundedAccountOverviewQuery } from './use-cases/funded-account-overview.js';
import { GetCertificatePdf } from './use-cases/get-certificate-pdf.js';
import { GetSignedAgreementPdf } from './use-cases/get-signed-agreement-pdf.js';
import { HandleKycDecision } from './use-cases/handle-kyc-decision.js';
import { KycStatusQuery } from './use-cases/kyc-status.js';
import { ListCertificates } from './use-cases/list-certificates.js';
import { ListFundedAccounts } from './use-cases/list-funded-accounts.js';
import { ListKycCasesAdmin } from './use-cases/list-kyc-cases-admin.js';
import { ListPayouts, ListPayoutsAdmin } from './use-cases/list-payouts.js';
import { MarkPayoutPaid } from './use-cases/mark-payout-paid.js';
import { RecordFundedDeals } from './use-cases/record-funded-deals.js';
import { RejectPayout } from './use-cases/reject-payout.js';
import { RequestPayout, type AccountDealsCatchUp } from './use-cases/request-payout.js';
import { ReviewAllScaling } from './use-cases/review-all-scaling.js';
import { ReviewKyc } from './use-cases/review-kyc.js';
import { ReviewScaling } from './use-cases/review-scaling.js';
import { SignAgreement } from './use-cases/sign-agreement.js';
import { StartKyc } from './use-cases/start-kyc.js';
import { SubmitKycDocument } from './use-cases/submit-kyc-document.js';
import { VerifyCertificate } from './use-cases/verify-certificate.js';

/** The use cases of the funding context, built from plain dependencies; a funded account's metrics are its trading account's (`accounts`), and a payout request catches up its deal feed (`accountDeals`). */
export function createFundingUseCases(
  deps: UseCaseDependencies,
  tradingAccounts: TradingAccountWriter,
  accounts: TradingAccountMetricsReader,
  accountDeals: AccountDealsCatchUp,
  settings: FundingSettings = DEFAULT_FUNDING_SETTINGS,
) {
  const { uow, clock, ids, calendar, tradingPlatform, documents } = deps;
  const links = fundingLinks(deps.links.publicBaseUrl);
  const verificationUrl = deps.links.certificateVerification;
  const activateFundedAccount = new ActivateFundedAccount(uow, tradingPlatform, ids, clock, settings, tradingAccounts);
  const recordFundedDeals = new RecordFundedDeals(uow, tradingPlatform, calendar, settings);
  const reviewScaling = new ReviewScaling(uow, tradingPlatform, clock, calendar, settings, tradingAccounts);
  const awardCertificates = new AwardCertificates(uow, documents, ids, clock, calendar, settings, verificationUrl);
  return {
    startKyc: new StartKyc(uow, deps.kycProvider, ids, clock, links),
    submitKycDocument: new SubmitKycDocument(uow, deps.documentNumberHasher, clock),
    reviewKyc: new ReviewKyc(uow, clock, links, activateFundedAccount),
    handleKycDecision: new HandleKycDecision(uow, deps.kycProvider, clock, links, activateFundedAccount),
    kycStatus: new KycStatusQuery(uow),
    listKycCasesAdmin: new ListKycCasesAdmin(uow),
    currentAgreement: new CurrentAgreement(uow),
    signAgreement: new SignAgreement(uow, documents, ids, clock, activateFundedAccount),
    getSignedAgreementPdf: new GetSignedAgreementPdf(uow),
    activateFundedAccount,
    recordFundedDeals,
    fundedAccountMetrics: new FundedAccountMetricsQuery(uow, accounts),
    fundedAccountLogin: new FundedAccountLoginQuery(uow),
    requestPayout: new RequestPayout(uow, tradingPlatform, recordFundedDeals, ids, clock, calendar, links, tradingAccounts, accountDeals),
    approvePayout: new ApprovePayout(uow, clock, links),
    rejectPayout: new RejectPayout(uow, tradingPlatform, tradingAccounts, clock, links),
    markPayoutPaid: new MarkPayoutPaid(uow, clock, links, reviewScaling, awardCertificates),
    compensateLatePayouts: new CompensateLatePayouts(uow, clock),
    reviewScaling,
    reviewAllScaling: new ReviewAllScaling(uow, reviewScaling),
    awardCertificates,
    verifyCertificate: new VerifyCertificate(uow, calendar),
    getCertificatePdf: new GetCertificatePdf(uow),
    listCertificates: new ListCertificates(uow, verificationUrl),
    fundedAccountOverview: new FundedAccountOverviewQuery(uow, clock, calendar),
    listFundedAccounts: new ListFundedAccounts(uow, clock, calendar),
    listPayouts: new ListPayouts(uow),
    listPayoutsAdmin: new ListPayoutsAdmin(uow),
  };
}

export type FundingUseCases = ReturnType<typeof createFundingUseCases>;

/** Outbox handlers of the funding context (the composition root multi-binds them to OUTBOX_HANDLER). */
export function createFundingOutboxHandlers(
  useCases: Pick<FundingUseCases, 'activateFundedAccount' | 'reviewScaling' | 'awardCertificates'>,
): OutboxHandler[] {
  return [new FundingFollowUpHandler(useCases)];
}
