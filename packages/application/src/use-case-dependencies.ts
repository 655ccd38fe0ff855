import { token, type Token } from './ports/token.js';
import type { TradingCalendar } from '@tradesense/domain';
import type { AccessTokens, OpaqueTokens } from './identity/ports/access-tokens.js';
import type { PasswordHasher } from './identity/ports/password-hasher.js';
import type { PasswordStrengthEstimator } from './identity/ports/password-strength.js';
import type { SessionPolicy } from './identity/use-cases/sessions.js';
import type { Clock } from './ports/clock.js';
import type { DocumentRenderer } from './ports/document-renderer.js';
import type { IdGenerator } from './ports/id-generator.js';
import type { DocumentNumberHasher, KycProvider } from './ports/kyc-provider.js';
import type { PaymentGatewayRegistry } from './ports/payment-gateway.js';
import type { PriceFeed } from './ports/price-feed.js';
import type { OrderExecution } from './ports/order-execution.js';
import type { SignalProvider } from './ports/signal-provider.js';
import type { TradingPlatform } from './ports/trading-platform.js';
import type { UnitOfWork } from './ports/unit-of-work.js';
import type { OutboxStore } from './ports/outbox.js';

/** Ports and settings every use case may need; the composition root fills it. */
export interface UseCaseDependencies {
  readonly uow: UnitOfWork;
  /** The dispatcher's view of the outbox (admins inspect and requeue parked deliveries). */
  readonly outboxStore: OutboxStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The firm's trading calendar (time zone + reset time). */
  readonly calendar: TradingCalendar;
  readonly passwordHasher: PasswordHasher;
  readonly passwordStrength: PasswordStrengthEstimator;
  readonly accessTokens: AccessTokens;
  readonly opaqueTokens: OpaqueTokens;
  readonly sessionPolicy: SessionPolicy;
  readonly tradingPlatform: TradingPlatform;
  readonly priceFeed: PriceFeed;
  /** In-app trading, where the platform offers it (the simulated server). */
  readonly orderExecution: OrderExecution | null;
  readonly paymentGateways: PaymentGatewayRegistry;
  readonly kycProvider: KycProvider;
  /** The KYC adapter's keyed hash for document numbers typed into the manual review. */
  readonly documentNumberHasher: DocumentNumberHasher;
  readonly documents: DocumentRenderer;
  readonly signals: SignalProvider;
  /** Told of an accepted trade whose client activity could not be recorded; the composition root logs it. */
  readonly onUnrecordedTradeActivity?: (error: unknown, login: string) => void;
  /** Absolute links put into e-mails, documents and checkouts. */
  readonly links: {
    readonly publicBaseUrl: string;
    readonly passwordReset: (token: string) => string;
    readonly certificateVerification: (certificateId: string) => string;
    readonly checkoutReturn: (orderId: string, outcome: 'success' | 'cancel') => string;
  };
}

/**
 * The dependencies the composition root built its use cases from: an
 * embedding team or a test can build a second set with one of them replaced
 * (a platform that records calls, a unit of work that fails on purpose).
 */
export const USE_CASE_DEPENDENCIES: Token<UseCaseDependencies> = token<UseCaseDependencies>('UseCaseDependencies');
