import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { RestrictionAction } from '../catalog/trading-restrictions.js';
import { Decimal } from '../money/decimal.js';
import type { RestrictionRule, RestrictionViolation } from './restriction-violation.js';

/**
 * A scheduled release as the news window reads it: structural, so any
 * calendar's event with these fields fits. Only `high` impact opens a window.
 */
export interface NewsEventFact {
  readonly id: string;
  readonly at: Date;
  readonly currency: string;
  readonly impact: string;
}

/**
 * Asset classes whose symbol counts only by its quote currency (an index, a
 * commodity); a pair (forex, metals, crypto) counts by both legs.
 */
export const QUOTE_CURRENCY_CLASSES: readonly string[] = ['indices', 'energies', 'commodities', 'stocks'];

/** One end of a position: the deal that opened or closed it, its symbol's currencies and the events near it. */
export interface NewsWindowFact {
  readonly dealId: string;
  readonly positionId: string;
  readonly side: 'open' | 'close';
  readonly at: Date;
  readonly assetClass: string | null;
  readonly baseCurrency: string | null;
  readonly quoteCurrency: string | null;
  readonly events: readonly NewsEventFact[];
}

const MINUTE_MS = 60_000;

/**
 * News window ±N minutes (rule book §14): a position is affected when it
 * opens or closes in [event − N, event + N], both ends included, on a symbol
 * with a leg in a high-impact event's currency. Holding across the event is
 * not affected (each end is judged on its own). Default `exclude_profit`.
 */
export class NewsWindow implements RestrictionRule<NewsWindowFact> {
  readonly restriction = 'news_window' as const;

  constructor(
    readonly minutes: number,
    readonly action: RestrictionAction,
  ) {}

  static of(snapshot: RuleSnapshot): NewsWindow | null {
    const minutes = snapshot.restrictions.newsWindowMinutes;
    return minutes === null ? null : new NewsWindow(minutes, snapshot.restrictionAction('news_window'));
  }

  static fromData(data: Readonly<Record<string, unknown>>): NewsWindow {
    return new NewsWindow(Number(data['minutes']), data['action'] as RestrictionAction);
  }

  static factFromData(data: Readonly<Record<string, unknown>>): NewsWindowFact {
    const events = data['events'] as readonly { id: string; at: string; currency: string; impact: string }[];
    const text = (field: string): string | null => (data[field] == null ? null : String(data[field]));
    return {
      dealId: String(data['dealId']),
      positionId: String(data['positionId']),
      side: data['side'] as 'open' | 'close',
      at: new Date(String(data['at'])),
      assetClass: text('assetClass'),
      baseCurrency: text('baseCurrency'),
      quoteCurrency: text('quoteCurrency'),
      events: events.map((event) => ({ ...event, at: new Date(event.at) })),
    };
  }

  /** The currencies a symbol has a leg in. */
  static legs(fact: Pick<NewsWindowFact, 'assetClass' | 'baseCurrency' | 'quoteCurrency'>): string[] {
    const legs = fact.assetClass !== null && QUOTE_CURRENCY_CLASSES.includes(fact.assetClass) ? [fact.quoteCurrency] : [fact.baseCurrency, fact.quoteCurrency];
    return legs.filter((leg): leg is string => leg !== null).map((leg) => leg.toUpperCase());
  }

  /** The window of an event: [event − N, event + N]. */
  windowOf(event: Pick<NewsEventFact, 'at'>): { readonly from: Date; readonly to: Date } {
    const span = this.minutes * MINUTE_MS;
    return { from: new Date(event.at.getTime() - span), to: new Date(event.at.getTime() + span) };
  }

  judge(fact: NewsWindowFact): RestrictionViolation | null {
    const legs = NewsWindow.legs(fact);
    const t = fact.at.getTime();
    const hit = fact.events
      .filter((event) => event.impact === 'high' && legs.includes(event.currency.toUpperCase()))
      .filter((event) => {
        const window = this.windowOf(event);
        return window.from.getTime() <= t && t <= window.to.getTime();
      })
      // The nearest event names the violation; ties by the earlier, then by id, so the answer is one.
      .sort((a, b) => Math.abs(a.at.getTime() - t) - Math.abs(b.at.getTime() - t) || a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1))[0];
    if (!hit) return null;
    const offsetMs = t - hit.at.getTime();
    return {
      id: `${this.restriction}:${fact.positionId}`,
      restriction: this.restriction,
      action: this.action,
      at: fact.at,
      dealId: fact.dealId,
      positionIds: [fact.positionId],
      limit: String(this.minutes),
      observed: new Decimal(Math.abs(offsetMs)).dividedBy(MINUTE_MS).toFixed(),
      details: {
        eventId: hit.id,
        eventAt: hit.at.toISOString(),
        currency: hit.currency.toUpperCase(),
        side: fact.side,
        offsetSeconds: String(offsetMs / 1000),
      },
    };
  }

  toData(): Readonly<Record<string, unknown>> {
    return { minutes: this.minutes, action: this.action };
  }
}
