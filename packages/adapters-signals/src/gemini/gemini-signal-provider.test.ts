import { SIGNAL_DISCLAIMER } from '@tradesense/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndicatorSignalProvider } from '../indicator-signal-provider.js';
import { candlesFromCloses, closesFrom } from '../testing/candles.js';
import { startFakeGeminiServer, type FakeGeminiServer } from '../testing/fake-gemini-server.js';
import { FixedClock } from '../testing/fixed-clock.js';
import { GeminiSignalProvider, type GeminiFallbackReason } from './gemini-signal-provider.js';

const NOW = new Date('2025-03-04T12:00:00Z');
// The indicator provider reads this series as a buy at 104 (stop 102.5, target 107).
const candles = candlesFromCloses(closesFrom('100', ['0.4', '-0.2'], 41));

describe('GeminiSignalProvider', () => {
  let gemini: FakeGeminiServer;
  const fallbacks: GeminiFallbackReason[] = [];
  let provider: GeminiSignalProvider;

  beforeAll(async () => {
    gemini = await startFakeGeminiServer();
    const clock = new FixedClock(NOW);
    provider = new GeminiSignalProvider(
      { apiKey: 'test-key', model: 'gemini-test', timeoutMs: 400, baseUrl: gemini.baseUrl },
      new IndicatorSignalProvider(clock),
      clock,
      (reason) => fallbacks.push(reason),
    );
  });

  afterAll(async () => {
    await gemini.close();
  });

  const answer = (fields: Record<string, unknown>): string =>
    JSON.stringify({
      direction: 'sell',
      entry: '104.0',
      stopLoss: '105.25',
      takeProfit: '101.5',
      confidence: 0.72,
      rationale: 'Lower highs under resistance at 104.5.',
      ...fields,
    });

  async function signalWith(text: string) {
    fallbacks.length = 0;
    gemini.reply({ kind: 'text', text });
    return provider.signalFor('EURUSD', candles);
  }

  it('accepts a valid structured answer and asks with a JSON response schema', async () => {
    const requestsBefore = gemini.requests.length;

    const signal = await signalWith(answer({}));

    expect(signal.provider).toBe('gemini');
    expect(signal.direction).toBe('sell');
    expect(signal.entry.toString()).toBe('104');
    expect(signal.stopLoss?.toString()).toBe('105.25');
    expect(signal.takeProfit?.toString()).toBe('101.5');
    expect(signal.confidence).toBe(0.72);
    expect(signal.rationale).toBe('Lower highs under resistance at 104.5.');
    expect(signal.generatedAt).toEqual(NOW);
    expect(signal.disclaimer).toBe(SIGNAL_DISCLAIMER);
    expect(fallbacks).toEqual([]);

    const request = gemini.requests[requestsBefore];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1beta/models/gemini-test:generateContent');
    expect(request?.apiKey).toBe('test-key');
    const body = request?.body as {
      contents: { parts: { text: string }[] }[];
      generationConfig: { responseMimeType: string; responseSchema: { required: string[] } };
    };
    expect(body.generationConfig.responseMimeType).toBe('application/json');
    expect(body.generationConfig.responseSchema.required).toEqual([
      'direction', 'entry', 'stopLoss', 'takeProfit', 'confidence', 'rationale',
    ]);
    const prompt = body.contents[0]?.parts[0]?.text ?? '';
    expect(prompt).toContain('Symbol: EURUSD');
    expect(prompt).toContain('Last close: 104');
  });

  it('accepts a neutral answer without levels', async () => {
    const signal = await signalWith(answer({ direction: 'neutral', stopLoss: null, takeProfit: null }));
    expect(signal.provider).toBe('gemini');
    expect(signal.direction).toBe('neutral');
    expect(signal.stopLoss).toBeNull();
  });

  it('falls back to the indicators on malformed JSON', async () => {
    const signal = await signalWith('{"direction": "buy", "entry": ');

    expect(signal.provider).toBe('indicators (fallback from gemini: invalid_json)');
    expect(signal.direction).toBe('buy');
    expect(signal.entry.toString()).toBe('104');
    expect(signal.stopLoss?.toString()).toBe('102.5');
    expect(signal.takeProfit?.toString()).toBe('107');
    expect(signal.disclaimer).toBe(SIGNAL_DISCLAIMER);
    expect(fallbacks).toEqual(['invalid_json']);
  });

  it('falls back when the JSON does not match the schema', async () => {
    expect((await signalWith(answer({ direction: 'long' }))).provider).toBe('indicators (fallback from gemini: schema_mismatch)');
    expect((await signalWith(answer({ confidence: 1.5 }))).provider).toContain('schema_mismatch');
    expect((await signalWith(answer({ entry: 104 }))).provider).toContain('schema_mismatch');
    expect((await signalWith(answer({ rationale: undefined }))).provider).toContain('schema_mismatch');
  });

  it('falls back when the levels are on the wrong side or far from the market', async () => {
    expect((await signalWith(answer({ stopLoss: '103' }))).provider).toBe(
      'indicators (fallback from gemini: implausible_levels)',
    );
    expect((await signalWith(answer({ direction: 'buy' }))).provider).toContain('implausible_levels');
    expect((await signalWith(answer({ entry: '150', stopLoss: '151', takeProfit: '140' }))).provider).toContain(
      'implausible_levels',
    );
    expect((await signalWith(answer({ stopLoss: null }))).provider).toContain('implausible_levels');
  });

  it('falls back when the API answers with an error', async () => {
    fallbacks.length = 0;
    gemini.reply({ kind: 'http', status: 429, body: '{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}' });

    const signal = await provider.signalFor('EURUSD', candles);

    expect(signal.provider).toBe('indicators (fallback from gemini: api_error)');
    expect(fallbacks).toEqual(['api_error']);
  });

  it('falls back after the timeout when the API does not answer', async () => {
    fallbacks.length = 0;
    gemini.reply({ kind: 'hang' });
    const started = performance.now();

    const signal = await provider.signalFor('EURUSD', candles);

    const elapsed = performance.now() - started;
    expect(signal.provider).toBe('indicators (fallback from gemini: timeout)');
    expect(signal.direction).toBe('buy');
    expect(fallbacks).toEqual(['timeout']);
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(3000);
  });

  it('falls back when the API cannot be reached at all', async () => {
    const closed = await startFakeGeminiServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const clock = new FixedClock(NOW);
    const unreachable = new GeminiSignalProvider({ apiKey: 'k', baseUrl }, new IndicatorSignalProvider(clock), clock);

    expect((await unreachable.signalFor('EURUSD', candles)).provider).toBe('indicators (fallback from gemini: api_error)');
  });

  it('refuses to start without an API key', () => {
    const clock = new FixedClock(NOW);
    expect(() => new GeminiSignalProvider({ apiKey: ' ' }, new IndicatorSignalProvider(clock), clock)).toThrow(RangeError);
  });
});
