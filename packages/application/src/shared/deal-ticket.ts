/**
 * Orders platform deal tickets. Tickets grow with time; MT5's are 64-bit
 * integers as strings, so they are compared as integers, never through a JS
 * number. Non-numeric tickets fall back to length, then text.
 */
export function compareTickets(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `ticket` comes after the read cursor (every ticket does when nothing was read yet). */
export function isAfterTicket(ticket: string, cursor: string | null): boolean {
  return cursor === null || compareTickets(ticket, cursor) > 0;
}
