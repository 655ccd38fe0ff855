import type { StoredOutboxMessage } from '@tradesense/application';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileMailer } from '../mail/file-mailer.js';
import { earlyWarningEmail } from '../templates/early-warning.js';
import { emailPayloads } from './email-payloads.js';
import { EmailOutboxHandler } from './email-outbox-handler.js';

const message = (id: string, topic: string, payload: Record<string, unknown>): StoredOutboxMessage => ({
  id, topic, payload, occurredAt: new Date('2026-11-02T12:00:00Z'), attempts: 1, status: 'pending',
});

const record = { rule: 'daily_loss', floor: '97000', equity: '96999.5', balance: '102000', at: '2026-11-02T15:00:00.000Z', inputHash: 'h',
  tradingDay: '2026-11-02', tick: { symbol: 'EURUSD', bid: '1.05', ask: '1.0501', time: '2026-11-02T15:00:00.000Z' } };
const breach = (to: string, owner: { kind: string; id: string }) => ({
  to, traderName: 'Ana', owner, accountLogin: '3001', currency: 'USD', metricsUrl: 'http://127.0.0.1:3000/accounts/3001', breach: record,
});
const warning = {
  traderName: 'Bo', accountLogin: '3002', limit: 'daily_loss', limitAmount: '5000', usedAmount: '4000',
  usedPercent: '80', remainingAmount: '1000', floor: '95000', equity: '96000', currency: 'USD', tradingDay: '2026-11-02',
  metricsUrl: 'http://127.0.0.1:3000/accounts/3002',
};

describe('trading account risk e-mails', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tradesense-account-mail-'));
  const handler = new EmailOutboxHandler(new FileMailer({ from: 'TradeSense <no-reply@tradesense.test>', directory }));
  const sent = (to: string) => readdirSync(directory).map((f) => readFileSync(join(directory, f), 'utf8')).filter((e) => e.includes(`To: ${to}`));
  const figures = ['Floor: 97,000.00 USD', 'Equity: 96,999.50 USD', 'Balance: 102,000.00 USD', 'Tick symbol: EURUSD', 'Tick bid: 1.05'];

  it('renders the same breach e-mail with the exact record for a challenge phase, a funded account and a competition entry', async () => {
    const kinds = [
      ['challenge_phase', 'ch-7', 'Challenge: ch-7', 'the challenge has ended'],
      ['funded_account', 'fa-7', 'Funded account: fa-7', 'the funded account has ended'],
      ['competition_entry', 'ce-7', 'Competition entry: ce-7', 'your competition entry has ended'],
    ] as const;
    for (const [kind, id, fact, ended] of kinds) {
      const to = `${kind.replace('_', '-')}@example.com`;
      await handler.handle(message(`5${id}`, 'email.account_breach', breach(to, { kind, id })));
      const [eml] = sent(to);
      expect(eml).toContain('Subject: Account 3001: Daily loss limit breached');
      for (const figure of [...figures, fact, ended]) expect(eml).toContain(figure);
    }
  });

  it('still delivers breach e-mails written under the former per-kind topics, with the same template', async () => {
    const { owner: _owner, ...common } = breach('legacy@example.com', { kind: 'funded_account', id: 'fa-8' });
    await handler.handle(message('61', 'email.funded_breach', { ...common, fundedAccountId: 'fa-8' }));
    await handler.handle(message('62', 'email.breach', { ...common, challengeId: 'ch-8' }));
    const mails = sent('legacy@example.com');
    expect(mails).toHaveLength(2);
    expect(mails.some((eml) => eml.includes('Funded account: fa-8') && eml.includes('the funded account has ended'))).toBe(true);
    expect(mails.some((eml) => eml.includes('Challenge: ch-8') && eml.includes('the challenge has ended'))).toBe(true);
  });

  it('refuses a breach payload without its record (the dispatcher parks it)', async () => {
    const { breach: _dropped, ...withoutRecord } = breach('cy@example.com', { kind: 'funded_account', id: 'fa-9' });
    expect(emailPayloads['email.account_breach'].safeParse(withoutRecord).success).toBe(false);
    await expect(handler.handle(message('63', 'email.account_breach', withoutRecord))).rejects.toThrow();
  });

  it('says which account ends in an early warning, from its owner (or the former subject field)', () => {
    const parse = (payload: Record<string, unknown>) => earlyWarningEmail(emailPayloads['email.early_warning'].parse({ to: 'bo@example.com', ...warning, ...payload }));
    expect(parse({ owner: { kind: 'competition_entry', id: 'ce-1' } }).text).toContain('the account is breached and your competition entry ends');
    expect(parse({ owner: { kind: 'funded_account', id: 'fa-1' } }).text).toContain('the account is breached and the funded account ends');
    expect(parse({}).text).toContain('the account is breached and the challenge ends');
    expect(parse({ subject: 'funded', fundedAccountId: 'fa-2' }).text).toContain('the account is breached and the funded account ends');
  });
});
