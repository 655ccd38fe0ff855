import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Money } from '../money/money.js';
import { aFundedAccount } from './funded-account-mother.js';
import { aChallenge, anActiveChallenge } from './challenge-mother.js';
import { aCompetition } from './competition-mother.js';
import { anOrder } from './order-mother.js';
import { aKycCase } from './kyc-case-mother.js';
import { anAffiliate } from './affiliate-mother.js';
import { aUser } from './user-mother.js';
import { aTradingAccount } from './trading-account-mother.js';
import { QA_INSTANT, stellarTwoStepRules } from './qa-defaults.js';

describe('QA kit object mothers', () => {
  it('build each aggregate valid, with nothing pending', () => {
    const aggregates = [aTradingAccount(), aChallenge(), anActiveChallenge(), aFundedAccount(), aCompetition(), anOrder(), aKycCase(), anAffiliate(), aUser()];
    for (const aggregate of aggregates) expect(aggregate.pendingEvents).toEqual([]);
    expect(aTradingAccount().isTrading).toBe(true);
    expect(aChallenge().toState().status).toBe('pending_payment');
    expect(anActiveChallenge().toState().status).toBe('active');
    expect(aFundedAccount().toState().status).toBe('active');
    expect(anOrder().toState().status).toBe('pending_payment');
    expect(aKycCase().status).toBe('pending');
    expect(aCompetition().toState().name).toBe('QA Cup');
    expect(aUser().id).toBe('user-1');
    expect(anAffiliate().code).toHaveLength(8);
  });

  it('take every field as an override', () => {
    const rules = stellarTwoStepRules('25000.00');
    const account = aTradingAccount({ login: '4242', owner: { kind: 'funded_account', id: 'fa-9' }, rules });
    expect([account.login, account.owner.kind, account.rules.initialBalance.toFixed()]).toEqual(['4242', 'funded_account', '25000.00']);
    expect(aChallenge({ id: 'challenge-9', rules }).toState().id).toBe('challenge-9');
    const funded = aFundedAccount({ initialBalance: Money.of(50_000) }).toState();
    expect(funded.initialBalance).toBe('50000');
    expect(anOrder({ buyerCountry: 'FR', listPrice: Money.of(249) }).toState()).toMatchObject({ buyerCountry: 'FR', listPrice: '249' });
    expect(aKycCase({ country: 'GB' }).country).toBe('GB');
    expect(aUser({ role: 'admin', email: 'Admin@Example.com' }).toState()).toMatchObject({ role: 'admin', email: 'admin@example.com' });
    expect(anAffiliate({ currency: 'EUR' }).toState().currency).toBe('EUR');
    expect(aCompetition({ maxDailyTrades: 10 }).toState().maxDailyTrades).toBe(10);
    expect(aTradingAccount().openedAt).toEqual(QA_INSTANT);
  });

  it('read no clock, draw no random number and use no test runner: the kit is shipped', () => {
    const folder = dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      const text = readFileSync(`${folder}/${file}`, 'utf8');
      expect(text, file).not.toMatch(/Date\.now|new Date\(\)|Math\.random|performance\.now|getRandomValues|randomUUID|from 'vitest'|from 'node:/);
    }
  });
});
