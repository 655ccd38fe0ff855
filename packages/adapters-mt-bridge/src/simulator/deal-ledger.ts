import type { Deal, Subscription, TradingLogin } from '@tradesense/application';
import { KeyedListeners } from '../shared/listener-set.js';

/**
 * Every deal the simulated server booked, in ticket order. Tickets are one
 * increasing sequence across accounts, as on a MetaTrader server, so a
 * consumer's last ticket is a cursor that survives its restarts.
 */
export class DealLedger {
  readonly #byLogin = new Map<TradingLogin, Deal[]>();
  readonly #listeners = new KeyedListeners<Deal>();
  #nextTicket: number;
  #count = 0;

  constructor(firstTicket = 1_000_001) {
    this.#nextTicket = firstTicket;
  }

  get count(): number {
    return this.#count;
  }

  record(fields: Omit<Deal, 'dealId'>): Deal {
    const deal: Deal = { dealId: String(this.#nextTicket), ...fields };
    this.#nextTicket += 1;
    this.#count += 1;
    let list = this.#byLogin.get(deal.login);
    if (!list) this.#byLogin.set(deal.login, (list = []));
    list.push(deal);
    this.#listeners.emit(deal.login, deal);
    return deal;
  }

  after(login: TradingLogin, afterDealId: string | null, limit: number): Deal[] {
    const list = this.#byLogin.get(login) ?? [];
    const after = afterDealId === null ? -Infinity : Number(afterDealId);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (Number(list[middle]!.dealId) <= after) low = middle + 1;
      else high = middle;
    }
    return list.slice(low, low + limit);
  }

  between(login: TradingLogin, from: Date, to: Date): Deal[] {
    const start = from.getTime();
    const end = to.getTime();
    return (this.#byLogin.get(login) ?? []).filter((deal) => deal.time.getTime() >= start && deal.time.getTime() < end);
  }

  onDeal(login: TradingLogin, listener: (deal: Deal) => void): Subscription {
    return this.#listeners.add([login], listener);
  }
}
