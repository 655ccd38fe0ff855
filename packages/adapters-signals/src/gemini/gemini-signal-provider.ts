import { GoogleGenAI } from '@google/genai';
import {
  SIGNAL_DISCLAIMER,
  type Candle,
  type Clock,
  type SignalProvider,
  type TradingSignal,
} from '@tradesense/application';
import { domainError } from '@tradesense/domain';
import type { IndicatorSignalProvider } from '../indicator-signal-provider.js';
import { GEMINI_RESPONSE_SCHEMA, geminiAnswerSchema, plausibleLevels, type PlausibleLevels } from './gemini-answer.js';
import { signalPrompt, SYSTEM_INSTRUCTION } from './gemini-prompt.js';

export const GEMINI_PROVIDER = 'gemini';
export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';
export const DEFAULT_GEMINI_TIMEOUT_MS = 8_000;

export interface GeminiConfig {
  readonly apiKey: string;
  readonly model?: string;
  /** Whole-request budget; past it the indicator signal is served instead. */
  readonly timeoutMs?: number;
  /** API endpoint override (a proxy, or a local fake in tests). */
  readonly baseUrl?: string;
}

/** Why a Gemini answer was not used. */
export type GeminiFallbackReason = 'timeout' | 'api_error' | 'invalid_json' | 'schema_mismatch' | 'implausible_levels';

export type GeminiFallbackListener = (reason: GeminiFallbackReason, symbol: string, cause: unknown) => void;

class GeminiRejected extends Error {
  constructor(
    readonly reason: GeminiFallbackReason,
    readonly detail: unknown,
  ) {
    super(`Gemini answer not used: ${reason}`);
  }
}

/**
 * Signals from Gemini with structured JSON output. Every answer is validated
 * (shape with zod, then the levels' plausibility); on any failure, or past the
 * time budget, the built-in indicator signal is returned, marked as a fallback.
 */
export class GeminiSignalProvider implements SignalProvider {
  private readonly client: GoogleGenAI;
  private readonly model: string;
  private readonly timeoutMs: number;

  constructor(
    config: GeminiConfig,
    private readonly fallback: IndicatorSignalProvider,
    private readonly clock: Clock,
    private readonly onFallback: GeminiFallbackListener = () => undefined,
  ) {
    if (config.apiKey.trim().length === 0) throw new RangeError('The Gemini provider needs an API key');
    this.model = config.model ?? DEFAULT_GEMINI_MODEL;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_GEMINI_TIMEOUT_MS;
    this.client = new GoogleGenAI({
      apiKey: config.apiKey,
      vertexai: false,
      ...(config.baseUrl ? { httpOptions: { baseUrl: config.baseUrl } } : {}),
    });
  }

  async signalFor(symbol: string, candles: readonly Candle[]): Promise<TradingSignal> {
    const last = candles[candles.length - 1];
    if (!last) {
      throw domainError('SIGNAL.NO_PRICE_HISTORY', `No candles for ${symbol}: a signal needs price history`, { symbol });
    }
    try {
      const levels = await this.ask(symbol, candles, last);
      return {
        symbol,
        ...levels.levels,
        confidence: levels.confidence,
        rationale: levels.rationale,
        provider: GEMINI_PROVIDER,
        generatedAt: this.clock.now(),
        disclaimer: SIGNAL_DISCLAIMER,
      };
    } catch (error) {
      const reason = error instanceof GeminiRejected ? error.reason : 'api_error';
      this.onFallback(reason, symbol, error instanceof GeminiRejected ? error.detail : error);
      const signal = await this.fallback.signalFor(symbol, candles);
      return {
        ...signal,
        provider: `${signal.provider} (fallback from ${GEMINI_PROVIDER}: ${reason})`,
      };
    }
  }

  private async ask(
    symbol: string,
    candles: readonly Candle[],
    last: Candle,
  ): Promise<{ levels: PlausibleLevels; confidence: number; rationale: string }> {
    const text = await this.generate(signalPrompt(symbol, candles, this.fallback.snapshot(candles)));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new GeminiRejected('invalid_json', error);
    }
    const parsed = geminiAnswerSchema.safeParse(json);
    if (!parsed.success) throw new GeminiRejected('schema_mismatch', parsed.error);
    const levels = plausibleLevels(parsed.data, last.close);
    if (!levels) throw new GeminiRejected('implausible_levels', parsed.data);
    return { levels, confidence: parsed.data.confidence, rationale: parsed.data.rationale };
  }

  private async generate(prompt: string): Promise<string> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new GeminiRejected('timeout', `no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    const request = this.client.models.generateContent({
      model: this.model,
      contents: prompt,
      config: {
        systemInstruction: SYSTEM_INSTRUCTION,
        responseMimeType: 'application/json',
        responseSchema: GEMINI_RESPONSE_SCHEMA,
        temperature: 0.2,
        abortSignal: abort.signal,
      },
    });
    try {
      // The race keeps the budget even if a transport ignored the abort signal.
      const response = await Promise.race([request, deadline]);
      const text = response.text;
      if (text === undefined || text.length === 0) throw new GeminiRejected('invalid_json', 'empty answer');
      return text;
    } catch (error) {
      if (error instanceof GeminiRejected) throw error;
      throw new GeminiRejected(abort.signal.aborted ? 'timeout' : 'api_error', error);
    } finally {
      clearTimeout(timer);
      // A request that lost the race must not surface later as an unhandled rejection.
      request.catch(() => undefined);
    }
  }
}
