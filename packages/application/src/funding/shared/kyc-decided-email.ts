import type { KycCase } from '@tradesense/domain';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { FundingLinks } from './funding-links.js';
import type { TraderProfile } from './trader-profile.js';

/** The `email.kyc_decided` message for a case that was just approved or rejected. */
export function kycDecidedEmail(kyc: KycCase, trader: TraderProfile, links: FundingLinks, at: Date): OutboxMessage {
  const rejection = kyc.rejection;
  const decision =
    kyc.status === 'approved' || !rejection
      ? { outcome: 'approved' }
      : { outcome: 'rejected', reason: rejection.reasons.join('; ') || 'not stated', retryAllowed: rejection.kind === 'retry' };
  return {
    topic: 'email.kyc_decided',
    aggregateType: 'kyc_case',
    aggregateId: kyc.id,
    payload: {
      to: trader.email,
      traderName: trader.name,
      decision,
      decidedAt: at.toISOString(),
      nextStepUrl: decision.outcome === 'approved' ? links.agreement : links.kyc,
    },
    occurredAt: at,
  };
}

/** Asks for the funded account once KYC and agreement are both in place (delivered by the follow-up handler). */
export function activationDue(traderId: string, cause: string, at: Date): OutboxMessage {
  return { topic: 'funding.activation_due', aggregateType: 'user', aggregateId: traderId, payload: { userId: traderId, cause }, occurredAt: at };
}
