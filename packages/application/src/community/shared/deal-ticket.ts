/**
 * Orders platform deal tickets. Tickets are 64-bit decimal strings on MT5, so
 * they are compared by length then digits, never through a JS number.
 */
export function compareTickets(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
