import type { TradingAccountOwnerKind } from '@tradesense/domain';

/** An owner by kind and id (a challenge's accounts span its phases and attempts). */
export interface OwnerRef {
  readonly kind: TradingAccountOwnerKind;
  readonly id: string;
}
