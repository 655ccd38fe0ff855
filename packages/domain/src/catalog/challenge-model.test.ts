import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_SETTINGS } from '../calendar/trading-calendar.js';
import { Money } from '../money/money.js';
import { ChallengeModel } from './challenge-model.js';
import { RuleSnapshot } from './rule-snapshot.js';
import { STELLAR_2STEP, STELLAR_LITE } from './stellar-models.js';

const at = new Date('2026-02-01T10:00:00Z');

describe('ChallengeModel admin edits', () => {
  it('produces a new version per edit and records who changed what', () => {
    const model = ChallengeModel.restore(STELLAR_2STEP);
    const result = model.revise({ parameters: { dailyLossPercent: '4', rules: { maxLossMode: 'trailing_equity' } } }, 'admin-1', at, 'softer');
    expect(result.ok).toBe(true);
    expect(model.version).toBe(2);
    expect(model.parameters.dailyLossPercent.toString()).toBe('4');
    expect(model.parameters.rules.maxLossMode).toBe('trailing_equity');
    expect(model.parameters.rules.inactivityDays).toBe(30);
    expect(model.pullEvents()).toEqual([
      {
        type: 'ChallengeModelRevised',
        aggregateId: 'stellar_2step',
        occurredAt: at,
        payload: { fromVersion: 1, toVersion: 2, by: 'admin-1', reason: 'softer', changed: ['parameters'] },
      },
    ]);
  });

  it('never changes a rule snapshot taken before the edit', () => {
    const model = ChallengeModel.restore(STELLAR_2STEP);
    const snapshot = RuleSnapshot.freeze(model, '100000', DEFAULT_CALENDAR_SETTINGS);
    expect(snapshot.ok).toBe(true);
    if (!snapshot.ok) return;
    const before = JSON.stringify(snapshot.value);
    model.revise({ parameters: { maxLossPercent: '12' } }, 'admin-1', at);
    model.setSizePrice('100000', '499', 'admin-1', at);
    expect(JSON.stringify(snapshot.value)).toBe(before);
    expect(snapshot.value.modelVersion).toBe(1);
    expect(snapshot.value.maxLossPercent.toString()).toBe('10');
    expect(model.version).toBe(3);
  });

  it('switches sizes off and refuses to sell them', () => {
    const model = ChallengeModel.restore(STELLAR_LITE);
    expect(model.setSizeEnabled('200000', false, 'admin-1', at).ok).toBe(true);
    expect(model.availableSizes.map((size) => size.balance.toFixed())).not.toContain('200000.00');
    const refused = RuleSnapshot.freeze(model, '200000', DEFAULT_CALENDAR_SETTINGS);
    expect(refused.ok ? null : refused.error.code).toBe('CATALOG.SIZE_DISABLED');
    const missing = RuleSnapshot.freeze(model, '75000', DEFAULT_CALENDAR_SETTINGS);
    expect(missing.ok ? null : missing.error.code).toBe('CATALOG.SIZE_NOT_FOUND');
  });

  it('lets an admin set the Lite prices', () => {
    const model = ChallengeModel.restore(STELLAR_LITE);
    expect(model.setSizePrice('5000', '45.50', 'admin-1', at).ok).toBe(true);
    expect(model.size('5000')?.price.equals(Money.of('45.50'))).toBe(true);
  });

  it('refuses invalid edits with the field named, and empty edits', () => {
    const model = ChallengeModel.restore(STELLAR_2STEP);
    const bad = model.revise({ parameters: { dailyLossPercent: '-1' } }, 'admin-1', at);
    expect(bad.ok ? null : [bad.error.code, bad.error.details['field']]).toEqual(['CATALOG.INVALID_MODEL', 'dailyLossPercent']);
    const badMode = model.revise({ parameters: { rules: { maxLossMode: 'sideways' as never } } }, 'admin-1', at);
    expect(badMode.ok ? null : badMode.error.details['field']).toBe('rules.maxLossMode');
    const noPhases = model.revise({ parameters: { phases: [] } }, 'admin-1', at);
    expect(noPhases.ok ? null : noPhases.error.details['field']).toBe('phases');
    const price = model.setSizePrice('5000', '49.999', 'admin-1', at);
    expect(price.ok ? null : price.error.details['field']).toBe('sizes[0].price');
    const same = model.revise({ parameters: { dailyLossPercent: '5.0' } }, 'admin-1', at);
    expect(same.ok ? null : same.error.code).toBe('CATALOG.NOTHING_TO_CHANGE');
    expect(model.version).toBe(1);
    expect(model.pullEvents()).toEqual([]);
  });

  it('defines a new model at version 1 and refuses duplicate sizes', () => {
    const defined = ChallengeModel.define({
      id: 'stellar_instant',
      name: 'Stellar Instant',
      parameters: { ...STELLAR_2STEP.parameters, phases: [{ profitTargetPercent: '6', minTradingDays: 3 }] },
      sizes: [{ balance: '10000.00', price: '120.00', enabled: true }],
      by: 'admin-1',
      at,
    });
    expect(defined.ok && defined.value.version).toBe(1);
    const duplicate = ChallengeModel.fromState({
      ...STELLAR_2STEP,
      sizes: [...STELLAR_2STEP.sizes, { balance: '5000', price: '1.00', enabled: true }],
    });
    expect(duplicate.ok ? null : duplicate.error.code).toBe('CATALOG.DUPLICATE_SIZE');
  });
});

describe('RuleSnapshot', () => {
  const model = ChallengeModel.restore(STELLAR_2STEP);
  const london = { timeZone: 'Europe/London', resetTime: '00:00' };

  it('freezes model id, version, every parameter, the size and the calendar', () => {
    const snapshot = RuleSnapshot.freeze(model, '100000', london);
    expect(snapshot.ok).toBe(true);
    if (!snapshot.ok) return;
    const json = snapshot.value.toJSON();
    expect(json).toMatchObject({
      modelId: 'stellar_2step',
      modelName: 'Stellar 2-Step',
      modelVersion: 1,
      initialBalance: '100000.00',
      price: '449.00',
      calendar: london,
    });
    expect(json.parameters).toEqual(STELLAR_2STEP.parameters);
    expect(Object.isFrozen(json.parameters.rules)).toBe(true);
    expect(snapshot.value.calendar.timeZone).toBe('Europe/London');
  });

  it('round-trips through plain JSON with the same content hash', () => {
    const snapshot = RuleSnapshot.freeze(model, '25000', DEFAULT_CALENDAR_SETTINGS);
    if (!snapshot.ok) throw snapshot.error;
    const reloaded = RuleSnapshot.fromJSON(JSON.parse(JSON.stringify(snapshot.value)));
    expect(reloaded.ok).toBe(true);
    if (!reloaded.ok) return;
    expect(reloaded.value.toJSON()).toEqual(snapshot.value.toJSON());
    expect(reloaded.value.contentHash).toBe(snapshot.value.contentHash);
  });

  it('prices a reset at price × (1 − reset discount), to the cent', () => {
    const reset = (state: typeof STELLAR_2STEP, balance: string) => {
      const snapshot = RuleSnapshot.freeze(ChallengeModel.restore(state), balance, DEFAULT_CALENDAR_SETTINGS);
      if (!snapshot.ok) throw snapshot.error;
      return snapshot.value.resetPrice().toFixed();
    };
    expect(reset(STELLAR_2STEP, '100000')).toBe('404.10');
    expect(reset(STELLAR_2STEP, '5000')).toBe('44.10');
    expect(reset(STELLAR_LITE, '5000')).toBe('37.05');
    expect(reset(STELLAR_LITE, '10000')).toBe('65.55');
  });

  it('refuses malformed stored data with a typed error', () => {
    const good = RuleSnapshot.freeze(model, '5000', DEFAULT_CALENDAR_SETTINGS);
    if (!good.ok) throw good.error;
    const json = good.value.toJSON();
    const badZone = RuleSnapshot.fromJSON({ ...json, calendar: { timeZone: 'Nowhere/Land', resetTime: '17:00' } });
    expect(badZone.ok ? null : badZone.error.code).toBe('CATALOG.INVALID_RULE_SNAPSHOT');
    const badBalance = RuleSnapshot.fromJSON({ ...json, initialBalance: 'lots' });
    expect(badBalance.ok ? null : badBalance.error.details['field']).toBe('initialBalance');
  });
});
