import type { BreachRecordData, FundedAccountState, FundedAccountStatus, LocalMonth, PayoutState, PayoutStatus } from '@tradesense/domain';
import { decimalText, json } from './column-values.js';

export interface FundedAccountRow {
  id: string;
  trader_id: string;
  challenge_id: string;
  model_id: string;
  trading_account_id: string;
  currency: string;
  initial_balance: string;
  original_allocation: string;
  balance: string;
  open_position_ids: string[];
  split: string;
  first_payout_days: number;
  cycle_days: number;
  fee_refund_on_payout_number: number | null;
  challenge_fee: string;
  guarantee_hours: number;
  guarantee_compensation: string;
  status: FundedAccountStatus;
  opened_at: Date;
  breach: { cause: string; at: string } | null;
  /** The record of the breach the account ended on (its trading account's verdict); null while active, and for breaches older than the breach engine. */
  breach_record: BreachRecordData | null;
  breach_overrides: StoredBreachOverride[];
  kyc_case_id: string;
  agreement_signature_id: string;
  agreement_version: string;
  monthly_profits: { month: LocalMonth; profit: string }[];
  scalings: StoredScaling[];
  version: number;
}

interface StoredBreachOverride {
  adminId: string;
  reason: string;
  at: string;
  breachedAt: string;
  original: BreachRecordData;
  balance: string;
  equity: string;
}

interface StoredScaling {
  at: string;
  before: string;
  after: string;
  splitBefore: string;
  splitAfter: string;
}

export interface PayoutRow {
  id: string;
  funded_account_id: string;
  trader_id: string;
  position: number;
  number: number;
  status: PayoutStatus;
  profit: string;
  split: string;
  trader_share: string;
  fee_refund: string;
  compensation: string;
  requested_at: Date;
  requested_by: string;
  deadline: Date;
  approved_at: Date | null;
  approved_by: string | null;
  paid_at: Date | null;
  paid_by: string | null;
  payment_reference: string | null;
  rejected_at: Date | null;
  rejected_by: string | null;
  rejection_reason: string | null;
}

export const payoutMapper = {
  toRow: (p: PayoutState, account: FundedAccountState, position: number): PayoutRow => ({
    id: p.id,
    funded_account_id: account.id,
    trader_id: account.traderId,
    position,
    number: p.number,
    status: p.status,
    profit: p.profit,
    split: p.split,
    trader_share: p.traderShare,
    fee_refund: p.feeRefund,
    compensation: p.compensation,
    requested_at: p.requestedAt,
    requested_by: p.requestedBy,
    deadline: p.deadline,
    approved_at: p.approvedAt,
    approved_by: p.approvedBy,
    paid_at: p.paidAt,
    paid_by: p.paidBy,
    payment_reference: p.paymentReference,
    rejected_at: p.rejectedAt,
    rejected_by: p.rejectedBy,
    rejection_reason: p.rejectionReason,
  }),
  toState: (r: PayoutRow): PayoutState => ({
    id: r.id,
    number: r.number,
    status: r.status,
    profit: decimalText(r.profit),
    split: decimalText(r.split),
    traderShare: decimalText(r.trader_share),
    feeRefund: decimalText(r.fee_refund),
    compensation: decimalText(r.compensation),
    requestedAt: r.requested_at,
    requestedBy: r.requested_by,
    deadline: r.deadline,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    paidAt: r.paid_at,
    paidBy: r.paid_by,
    paymentReference: r.payment_reference,
    rejectedAt: r.rejected_at,
    rejectedBy: r.rejected_by,
    rejectionReason: r.rejection_reason,
  }),
};

/**
 * Rows ↔ funded-account state. The account's risk (rules, drawdown, balance
 * operations, verdicts, day starts) is its trading account's and lives in
 * trading_accounts; the old risk columns of funded_accounts are no longer
 * written (see migration 0016).
 */
export const fundedAccountMapper = {
  toRow: (s: FundedAccountState) => ({
    trader_id: s.traderId,
    challenge_id: s.challengeId,
    model_id: s.modelId,
    trading_account_id: s.tradingAccountId,
    currency: s.currency,
    initial_balance: s.initialBalance,
    original_allocation: s.originalAllocation,
    balance: s.balance,
    open_position_ids: json(s.openPositionIds),
    split: s.split,
    first_payout_days: s.firstPayoutDays,
    cycle_days: s.cycleDays,
    fee_refund_on_payout_number: s.feeRefundOnPayoutNumber,
    challenge_fee: s.challengeFee,
    guarantee_hours: s.guaranteeHours,
    guarantee_compensation: s.guaranteeCompensation,
    status: s.status,
    opened_at: s.openedAt,
    breach: s.breach ? json({ cause: s.breach.cause, at: s.breach.at.toISOString() }) : null,
    breach_record: s.breach?.record ? json(s.breach.record) : null,
    breach_overrides: json(s.breachOverrides.map((o) => ({ ...o, at: o.at.toISOString(), breachedAt: o.breachedAt.toISOString() }))),
    kyc_case_id: s.kycCaseId,
    agreement_signature_id: s.agreementSignatureId,
    agreement_version: s.agreementVersion,
    monthly_profits: json(s.monthlyProfits),
    scalings: json(s.scalings.map((scaling) => ({ ...scaling, at: scaling.at.toISOString() }))),
  }),
  toState: (r: FundedAccountRow, payouts: readonly PayoutRow[]): FundedAccountState => ({
    id: r.id,
    version: r.version,
    traderId: r.trader_id,
    challengeId: r.challenge_id,
    modelId: r.model_id,
    tradingAccountId: r.trading_account_id,
    currency: r.currency,
    initialBalance: decimalText(r.initial_balance),
    originalAllocation: decimalText(r.original_allocation),
    balance: decimalText(r.balance),
    openPositionIds: [...r.open_position_ids],
    split: decimalText(r.split),
    firstPayoutDays: r.first_payout_days,
    cycleDays: r.cycle_days,
    feeRefundOnPayoutNumber: r.fee_refund_on_payout_number,
    challengeFee: decimalText(r.challenge_fee),
    guaranteeHours: r.guarantee_hours,
    guaranteeCompensation: decimalText(r.guarantee_compensation),
    status: r.status,
    openedAt: r.opened_at,
    breach: r.breach ? { cause: r.breach.cause, at: new Date(r.breach.at), ...(r.breach_record ? { record: r.breach_record } : {}) } : null,
    breachOverrides: r.breach_overrides.map((o) => ({ ...o, at: new Date(o.at), breachedAt: new Date(o.breachedAt) })),
    kycCaseId: r.kyc_case_id,
    agreementSignatureId: r.agreement_signature_id,
    agreementVersion: r.agreement_version,
    payouts: [...payouts].sort((a, b) => a.position - b.position).map(payoutMapper.toState),
    monthlyProfits: r.monthly_profits.map((m) => ({ month: m.month, profit: m.profit })),
    scalings: r.scalings.map((s) => ({ ...s, at: new Date(s.at) })),
  }),
};
