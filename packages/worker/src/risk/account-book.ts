import type { BookSnapshot, Clock, TradingLogin, TradingPlatform } from '@tradesense/application';

const PAGE = 1_000;
const ATTEMPTS = 5;

/**
 * Reads an account's balance and open positions together with the newest
 * deal ticket they include, so deals delivered later can be applied on top
 * exactly once. The platform has no atomic "book at ticket" read, so the
 * book is read between two looks at the deal feed and read again when a
 * deal arrived in between.
 */
export async function readAccountBook(
  platform: TradingPlatform,
  login: TradingLogin,
  fromTicket: string | null,
  clock: Clock,
): Promise<BookSnapshot> {
  let ticket = fromTicket;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    ticket = await newestTicket(platform, login, ticket);
    const at = clock.now();
    const [account, positions] = await Promise.all([platform.getAccount(login), platform.openPositions(login)]);
    const later = await platform.dealsAfter(login, ticket, 1);
    if (later.length === 0) return { balance: account.balance, positions, bookTicket: ticket, at };
  }
  throw new Error(`Deals kept arriving on ${login} while its book was read`);
}

async function newestTicket(platform: TradingPlatform, login: TradingLogin, from: string | null): Promise<string | null> {
  let ticket = from;
  for (;;) {
    const deals = await platform.dealsAfter(login, ticket, PAGE);
    const last = deals.at(-1);
    if (!last) return ticket;
    ticket = last.dealId;
    if (deals.length < PAGE) return ticket;
  }
}
