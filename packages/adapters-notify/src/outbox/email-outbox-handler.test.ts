import type { StoredOutboxMessage } from '@tradesense/application';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileMailer } from '../mail/file-mailer.js';
import { EmailOutboxHandler } from './email-outbox-handler.js';

const message = (id: string, topic: string, payload: Record<string, unknown>): StoredOutboxMessage => ({
  id, topic, payload, occurredAt: new Date('2026-11-02T12:00:00Z'), attempts: 1, status: 'pending',
});

describe('EmailOutboxHandler', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tradesense-mail-'));
  const handler = new EmailOutboxHandler(new FileMailer({ from: 'TradeSense <no-reply@tradesense.test>', directory }));
  const sent = () => readdirSync(directory).map((f) => readFileSync(join(directory, f), 'utf8'));

  it('renders a breach e-mail from the outbox payload with the exact figures', async () => {
    await handler.handle(
      message('41', 'email.breach', {
        to: 'ana@example.com', traderName: 'Ana', challengeId: 'c1', accountLogin: '1001', currency: 'USD',
        metricsUrl: 'http://127.0.0.1:3000/v1/challenges/c1/metrics',
        breach: { rule: 'daily_loss', floor: '95000.00', equity: '95000.00', balance: '100000.00', at: '2026-11-02T15:00:00.000Z',
          tick: { symbol: 'EURUSD', bid: '1.07001', ask: '1.07011', time: '2026-11-02T15:00:00.000Z' } },
      }),
    );
    const [eml] = sent();
    expect(eml).toContain('To: ana@example.com');
    expect(eml).toContain('95,000.00');
    expect(eml).toContain('EURUSD');
  });

  it('delivers a redelivered message under the same Message-ID (one file)', async () => {
    const reset = message('42', 'email.password_reset', { to: 'bo@example.com', resetUrl: 'http://127.0.0.1:3000/reset-password?token=t', expiresAt: '2026-11-02T12:30:00.000Z' });
    await handler.handle(reset);
    await handler.handle(reset);
    expect(sent().filter((e) => e.includes('To: bo@example.com'))).toHaveLength(1);
  });

  it('sends phase 2 credentials under the account-ready template', async () => {
    await handler.handle(
      message('43', 'email.trading_account_credentials', { to: 'cy@example.com', traderName: 'Cy', challengeId: 'c9', phase: 2, login: '2002', password: 'Pw-1', investorPassword: 'Inv-1', group: 'challenge' }),
    );
    expect(sent().find((e) => e.includes('To: cy@example.com'))).toContain('2002');
  });

  it('refuses an unknown topic and a malformed payload (the dispatcher parks them)', async () => {
    await expect(handler.handle(message('44', 'email.unknown', { to: 'x@example.com' }))).rejects.toThrow(/No e-mail template/);
    await expect(handler.handle(message('45', 'email.breach', { to: 'x@example.com' }))).rejects.toThrow();
  });
});
