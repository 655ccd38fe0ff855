import { Type, type Schema } from '@google/genai';
import { Decimal } from 'decimal.js';
import type { SignalDirection } from '@tradesense/application';
import { z } from 'zod';

/** Prices travel as decimal strings so no digit is lost to a JSON float. */
const price = z.string().regex(/^\d+(\.\d+)?$/, 'must be a positive decimal string');

export const geminiAnswerSchema = z.object({
  direction: z.enum(['buy', 'sell', 'neutral']),
  entry: price,
  stopLoss: price.nullable(),
  takeProfit: price.nullable(),
  confidence: z.number().min(0).max(1),
  rationale: z.string().trim().min(1).max(1500),
});

export type GeminiAnswer = z.infer<typeof geminiAnswerSchema>;

/** The same shape in the API's response-schema dialect, so the model is held to it at generation. */
export const GEMINI_RESPONSE_SCHEMA: Schema = {
  type: Type.OBJECT,
  properties: {
    direction: { type: Type.STRING, enum: ['buy', 'sell', 'neutral'] },
    entry: { type: Type.STRING, description: 'Reference entry price as a decimal string, normally the last close.' },
    stopLoss: { type: Type.STRING, nullable: true, description: 'Decimal string; null when neutral.' },
    takeProfit: { type: Type.STRING, nullable: true, description: 'Decimal string; null when neutral.' },
    confidence: { type: Type.NUMBER, minimum: 0, maximum: 1 },
    rationale: { type: Type.STRING, description: 'Two or three sentences of technical reasoning.' },
  },
  required: ['direction', 'entry', 'stopLoss', 'takeProfit', 'confidence', 'rationale'],
  propertyOrdering: ['direction', 'entry', 'stopLoss', 'takeProfit', 'confidence', 'rationale'],
};

export interface PlausibleLevels {
  readonly direction: SignalDirection;
  readonly entry: Decimal;
  readonly stopLoss: Decimal | null;
  readonly takeProfit: Decimal | null;
}

/** How far the model's entry may stray from the last close before the answer is not believed. */
const MAX_ENTRY_DEVIATION = new Decimal('0.05');

/**
 * Checks that the levels make a trade a trader could place: a buy has its
 * stop below and its target above the entry (a sell the reverse), and the
 * entry is near the market. Returns null when they do not.
 */
export function plausibleLevels(answer: GeminiAnswer, lastClose: Decimal): PlausibleLevels | null {
  const entry = new Decimal(answer.entry);
  if (entry.minus(lastClose).abs().greaterThan(lastClose.times(MAX_ENTRY_DEVIATION))) return null;
  if (answer.direction === 'neutral') return { direction: 'neutral', entry, stopLoss: null, takeProfit: null };
  if (answer.stopLoss === null || answer.takeProfit === null) return null;
  const stopLoss = new Decimal(answer.stopLoss);
  const takeProfit = new Decimal(answer.takeProfit);
  const ordered =
    answer.direction === 'buy'
      ? stopLoss.lessThan(entry) && entry.lessThan(takeProfit)
      : takeProfit.lessThan(entry) && entry.lessThan(stopLoss);
  return ordered ? { direction: answer.direction, entry, stopLoss, takeProfit } : null;
}
