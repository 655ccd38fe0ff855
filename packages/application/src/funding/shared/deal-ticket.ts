/**
 * Whether platform ticket `ticket` comes after `cursor`. Tickets grow with
 * time; MT5's are 64-bit, so they are compared as integers, never as numbers.
 */
export function isAfterTicket(ticket: string, cursor: string | null): boolean {
  if (cursor === null) return true;
  if (/^\d+$/.test(ticket) && /^\d+$/.test(cursor)) return BigInt(ticket) > BigInt(cursor);
  return ticket.length !== cursor.length ? ticket.length > cursor.length : ticket > cursor;
}
