import type { Decimal } from 'decimal.js';
import {
  TradingPlatformError,
  type BalanceOperationKind,
  type BalanceOperationResult,
  type TradingLogin,
} from '@tradesense/application';

interface JournalEntry {
  readonly login: TradingLogin;
  readonly kind: BalanceOperationKind;
  readonly amount: Decimal;
  readonly dealId: string;
}

/** Remembers each client operation id so a retried balance operation books nothing twice. */
export class BalanceOperationJournal {
  readonly #entries = new Map<string, JournalEntry>();

  /** The earlier outcome of this id, or null; a reused id with other content is refused. */
  replay(id: string, login: TradingLogin, kind: BalanceOperationKind, amount: Decimal): BalanceOperationResult | null {
    const entry = this.#entries.get(id);
    if (!entry) return null;
    if (entry.login !== login || entry.kind !== kind || !entry.amount.eq(amount)) {
      throw new TradingPlatformError(
        'PLATFORM.INVALID_REQUEST',
        `Client operation id ${id} was already used for another balance operation`,
        null,
        { clientOperationId: id },
      );
    }
    return { dealId: entry.dealId, amount: entry.amount, replayed: true };
  }

  remember(id: string, login: TradingLogin, kind: BalanceOperationKind, amount: Decimal, dealId: string): void {
    this.#entries.set(id, { login, kind, amount, dealId });
  }
}
