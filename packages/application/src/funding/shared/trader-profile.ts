import { FUNDED_TRADER_AGREEMENT } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';

/** Who a funding e-mail or document is for. */
export interface TraderProfile {
  readonly id: string;
  readonly email: string;
  readonly country: string;
  /** The legal name typed when signing the agreement, else the display name, else the e-mail. */
  readonly name: string;
}

export async function traderProfile(tx: TransactionScope, userId: string): Promise<TraderProfile | null> {
  const user = await tx.users.findById(userId);
  if (!user) return null;
  const signature = await tx.agreementSignatures.findLatestByTrader(userId, FUNDED_TRADER_AGREEMENT);
  const displayName = user.toState().displayName;
  return { id: user.id, email: user.email, country: user.country, name: signature?.typedName ?? displayName ?? user.email };
}

/** Whether the trader has signed the funded-trader agreement (any version). */
export async function agreementSigned(tx: TransactionScope, traderId: string): Promise<boolean> {
  return (await tx.agreementSignatures.findLatestByTrader(traderId, FUNDED_TRADER_AGREEMENT)) !== null;
}
