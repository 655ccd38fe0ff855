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

const fundedBreach = {
  to: 'ana@example.com', traderName: 'Ana', fundedAccountId: 'fa-7', accountLogin: '3001', currency: 'USD',
  metricsUrl: 'http://127.0.0.1:3000/funded/fa-7',
  breach: { rule: 'daily_loss', floor: '97000', equity: '96999.5', balance: '102000', at: '2026-11-02T15:00:00.000Z', inputHash: 'h',
    tradingDay: '2026-11-02', tick: { symbol: 'EURUSD', bid: '1.05', ask: '1.0501', time: '2026-11-02T15:00:00.000Z' } },
};

describe('funded account risk e-mails', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tradesense-funded-mail-'));
  const handler = new EmailOutboxHandler(new FileMailer({ from: 'TradeSense <no-reply@tradesense.test>', directory }));
  const sent = (to: string) => readdirSync(directory).map((f) => readFileSync(join(directory, f), 'utf8')).filter((e) => e.includes(`To: ${to}`));

  it('renders the funded breach e-mail with the exact record', async () => {
    await handler.handle(message('51', 'email.funded_breach', fundedBreach));
    const [eml] = sent('ana@example.com');
    expect(eml).toContain('Subject: Funded account 3001: Daily loss limit breached');
    for (const figure of ['Floor: 97,000.00 USD', 'Equity: 96,999.50 USD', 'Balance: 102,000.00 USD', 'Tick symbol: EURUSD', 'Tick bid: 1.05', 'Funded account: fa-7']) {
      expect(eml).toContain(figure);
    }
  });

  it('refuses a funded breach payload without its record (the dispatcher parks it)', async () => {
    const { breach: _dropped, ...withoutRecord } = fundedBreach;
    expect(emailPayloads['email.funded_breach'].safeParse(withoutRecord).success).toBe(false);
    await expect(handler.handle(message('52', 'email.funded_breach', withoutRecord))).rejects.toThrow();
  });

  it('says which account ends in an early warning, a challenge unless told otherwise', () => {
    const warning = emailPayloads['email.early_warning'].parse({
      to: 'bo@example.com', traderName: 'Bo', accountLogin: '3002', limit: 'daily_loss', limitAmount: '5000', usedAmount: '4000',
      usedPercent: '80', remainingAmount: '1000', floor: '95000', equity: '96000', currency: 'USD', tradingDay: '2026-11-02',
      metricsUrl: 'http://127.0.0.1:3000/funded/fa-8',
    });
    expect(warning.subject).toBe('challenge');
    expect(earlyWarningEmail(warning).text).toContain('the account is breached and the challenge ends');
    expect(earlyWarningEmail({ ...warning, subject: 'funded' }).text).toContain('the account is breached and the funded account ends');
  });
});
