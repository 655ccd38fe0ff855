import { CLOCK, SIGNAL_PROVIDER, type Clock, type SignalProvider } from '@tradesense/application';
import { Container } from 'inversify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalsModule } from './container-module.js';
import { candlesFromCloses, closesFrom } from './testing/candles.js';
import { startFakeGeminiServer, type FakeGeminiServer } from './testing/fake-gemini-server.js';
import { FixedClock } from './testing/fixed-clock.js';

const candles = candlesFromCloses(closesFrom('100', ['0.4', '-0.2'], 41));

async function containerWith(module: ReturnType<typeof signalsModule>, clock: FixedClock): Promise<Container> {
  const container = new Container();
  container.bind<Clock>(CLOCK).toConstantValue(clock);
  await container.load(module);
  return container;
}

describe('signalsModule', () => {
  let gemini: FakeGeminiServer;

  beforeAll(async () => {
    gemini = await startFakeGeminiServer();
  });

  afterAll(async () => {
    await gemini.close();
  });

  it('binds one cached indicator provider when no Gemini key is configured', async () => {
    const clock = new FixedClock(new Date('2025-03-04T12:00:00Z'));
    const container = await containerWith(signalsModule({}), clock);

    const provider = container.get<SignalProvider>(SIGNAL_PROVIDER);
    expect(container.get<SignalProvider>(SIGNAL_PROVIDER)).toBe(provider);
    const signal = await provider.signalFor('EURUSD', candles);
    expect(signal.provider).toBe('indicators');
  });

  it('asks Gemini when configured and caches its answer for the configured lifetime', async () => {
    const clock = new FixedClock(new Date('2025-03-04T12:00:00Z'));
    const container = await containerWith(
      signalsModule({ gemini: { apiKey: 'k', model: 'gemini-test', baseUrl: gemini.baseUrl }, cacheSeconds: 120 }),
      clock,
    );
    gemini.reply({
      kind: 'text',
      text: JSON.stringify({ direction: 'neutral', entry: '104', stopLoss: null, takeProfit: null, confidence: 0.3, rationale: 'Range.' }),
    });
    const provider = container.get<SignalProvider>(SIGNAL_PROVIDER);
    const before = gemini.requests.length;

    expect((await provider.signalFor('EURUSD', candles)).provider).toBe('gemini');
    clock.advanceSeconds(119);
    await provider.signalFor('EURUSD', candles);
    expect(gemini.requests.length - before).toBe(1);
    clock.advanceSeconds(1);
    await provider.signalFor('EURUSD', candles);
    expect(gemini.requests.length - before).toBe(2);
  });
});
