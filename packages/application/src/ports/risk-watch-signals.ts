import { token, type Token } from './token.js';

/**
 * The transaction's half of the risk watch signal (part of the unit of work):
 * the login of a trading account the risk monitor must start watching now
 * (a new challenge phase's or reset's account, an activated funded account,
 * a competition entry's, trading re-enabled by an override). The announcement reaches the
 * listeners only if the transaction commits, and only after it did, so the
 * monitor reads the committed account.
 */
export interface RiskWatchAnnouncer {
  announce(login: string): Promise<void>;
}

export interface RiskWatchSignalHandler {
  /** A committed announcement: the trading account's login. */
  announced(login: string): void;
  /** The signal was cut and is back: announcements in between may be lost, so look at everything again. */
  resumed(): void;
  /** The signal is cut (it is re-established in the background). */
  failed(error: unknown): void;
}

/**
 * The risk monitor's half: committed announcements, pushed as they come, so
 * an account is watched from its first trade instead of from the next
 * ownership check (rule book section 4: a breach is caught on the tick that
 * causes it). A hint only: the periodic ownership check stays the safety net.
 */
export interface RiskWatchSignals {
  /** Resolves once listening; the returned function stops it. */
  listen(handler: RiskWatchSignalHandler): Promise<() => Promise<void>>;
}

export const RISK_WATCH_SIGNALS: Token<RiskWatchSignals> = token<RiskWatchSignals>('RiskWatchSignals');
