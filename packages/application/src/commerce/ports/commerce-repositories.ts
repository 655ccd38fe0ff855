import type { ChallengeModel, GatewaySettings, Order, ProhibitedCountry, Trial } from '@tradesense/domain';
import type { TradingLogin } from '../../ports/trading-platform.js';
import type { CursorPage, PageRequest } from '../../shared-kernel/cursor-page.js';

export interface ChallengeModelRepository {
  /** Every model of the catalog, in catalog order. */
  list(): Promise<ChallengeModel[]>;
  findById(id: string): Promise<ChallengeModel | null>;
  /**
   * One stored version of a model (the current one or an earlier one). A
   * purchase is fulfilled from the version it was placed at, whatever the
   * admin changed in between.
   */
  findVersion(id: string, version: number): Promise<ChallengeModel | null>;
  /** Inserts or updates; the version reached is kept in the model's history. A stale write fails with ConcurrencyConflict. */
  save(model: ChallengeModel, at: Date): Promise<void>;
}

export interface PaymentGatewaySettingsRepository {
  /** Every gateway's settings, in checkout order. */
  list(): Promise<GatewaySettings[]>;
  /** With `forUpdate`, the row stays locked until the transaction ends (admin edits). */
  findById(id: string, options?: { readonly forUpdate?: boolean }): Promise<GatewaySettings | null>;
  /** Updates an existing gateway's settings. */
  save(settings: GatewaySettings, at: Date): Promise<void>;
}

export interface ProhibitedCountryRepository {
  list(): Promise<ProhibitedCountry[]>;
  find(code: string): Promise<ProhibitedCountry | null>;
  /** Adds the country or replaces its name and reason. */
  save(entry: ProhibitedCountry, at: Date): Promise<void>;
  /** False when the country was not listed. */
  remove(code: string): Promise<boolean>;
}

export interface OrderRepository {
  /** With `forUpdate`, concurrent payment confirmations of one order queue behind each other. */
  findById(id: string, options?: { readonly forUpdate?: boolean }): Promise<Order | null>;
  /** The order a provider's payment paid. */
  findByPayment(gatewayId: string, providerPaymentId: string): Promise<Order | null>;
  /** The order whose checkout has this provider reference. */
  findByCheckoutReference(gatewayId: string, providerReference: string): Promise<Order | null>;
  /** The provider reference of the order's checkout, once created. */
  checkoutReference(orderId: string): Promise<string | null>;
  /** The checkout the order was given (what its buyer was sent to), once created. */
  checkoutOf(orderId: string): Promise<RecordedCheckout | null>;
  /** The buyer's order placed with this Idempotency-Key, if any. */
  findByRequestKey(buyerId: string, requestKey: string): Promise<Order | null>;
  /**
   * Remembers the Idempotency-Key an order was placed with (one order per
   * buyer and key: a second fails with ConcurrencyConflict).
   */
  recordRequestKey(orderId: string, buyerId: string, requestKey: string): Promise<void>;
  /** A buyer's orders, newest first. */
  listByBuyer(buyerId: string, page: PageRequest): Promise<CursorPage<Order>>;
  /** Inserts or updates; a stale version fails with ConcurrencyConflict. */
  save(order: Order): Promise<void>;
  recordCheckout(orderId: string, checkout: RecordedCheckout, at: Date): Promise<void>;
}

/** A checkout as the gateway created it for an order. */
export interface RecordedCheckout {
  readonly providerReference: string;
  readonly redirectUrl: string;
  readonly clientParameters: Readonly<Record<string, string>>;
}

/** A trading account created for a fulfilment, recorded the moment the platform returned it. */
export interface ProvisionedAccount {
  readonly login: TradingLogin;
  readonly group: string;
  /** Kept only until the trader has been sent them (cleared when the claim completes). */
  readonly password: string | null;
  readonly investorPassword: string | null;
}

/**
 * The right to provision one challenge account for one purpose (an order, a
 * trial). Claimed before the trading platform is called, so two fulfilments
 * of one order never create two accounts, and a retry after a crash reuses
 * the account already created.
 */
export interface FulfilmentClaim {
  /** `order:<id>` or `trial:<id>`. */
  readonly key: string;
  /** The challenge the account is for (fixed at the first claim, so retries build the same one). */
  readonly challengeId: string;
  readonly claimedAt: Date;
  /** Until when the claimant is presumed alive; after it, another attempt may take over. */
  readonly leaseUntil: Date;
  readonly account: ProvisionedAccount | null;
  readonly completedAt: Date | null;
  /** `fulfilled`, or `orphaned` when the purpose went away (e.g. refunded) after the account was made. */
  readonly outcome: 'fulfilled' | 'orphaned' | null;
}

export interface FulfilmentClaimRepository {
  /**
   * Claims `key` for `challengeId` unless a live claim exists. `claimed` is
   * true when the caller now holds it (new, or taken over after the lease
   * ran out without an account).
   */
  claim(input: { key: string; challengeId: string; at: Date; leaseUntil: Date }): Promise<{ claimed: boolean; claim: FulfilmentClaim }>;
  find(key: string): Promise<FulfilmentClaim | null>;
  /** Records the created account once; false when one was already recorded. */
  recordAccount(key: string, account: ProvisionedAccount, at: Date): Promise<boolean>;
  /** Ends the lease now (the platform refused), so a retry may claim at once. */
  release(key: string, at: Date): Promise<void>;
  /** Marks the claim done and forgets the passwords. */
  complete(key: string, outcome: 'fulfilled' | 'orphaned', at: Date): Promise<void>;
}

export interface TrialRepository {
  findById(id: string, options?: { readonly forUpdate?: boolean }): Promise<Trial | null>;
  /** The trader's trial, if any (one per trader). */
  findByTrader(traderId: string): Promise<Trial | null>;
  findByConversionOrder(orderId: string): Promise<Trial | null>;
  /** Active trials whose 24-hour reminder is due at `at`, oldest first. */
  listReminderDue(at: Date, limit: number): Promise<Trial[]>;
  /** Active trials with a charge attempt due at `at`, oldest first. */
  listChargeDue(at: Date, limit: number): Promise<Trial[]>;
  /** Inserts or updates; a stale version fails with ConcurrencyConflict, a second trial of a trader with TRIAL.ALREADY_USED. */
  save(trial: Trial): Promise<void>;
  /** The order the end-of-trial charge pays, once created. */
  conversionOrderId(trialId: string): Promise<string | null>;
  setConversionOrder(trialId: string, orderId: string): Promise<void>;
  /** The provider payment of an end-of-trial charge the provider accepted but has not settled yet. */
  pendingCharge(trialId: string): Promise<string | null>;
  setPendingCharge(trialId: string, providerPaymentId: string | null): Promise<void>;
}

/** A trial sign-up waiting for the buyer to save a payment method at the gateway. */
export interface TrialCheckoutRecord {
  readonly id: string;
  readonly traderId: string;
  readonly modelId: string;
  readonly modelVersion: number;
  /** Initial balance, decimal string. */
  readonly accountSize: string;
  readonly swapFree: boolean;
  readonly gatewayId: string;
  readonly providerReference: string | null;
  readonly status: 'pending' | 'completed';
  readonly trialId: string | null;
  readonly createdAt: Date;
}

export interface TrialCheckoutRepository {
  add(record: TrialCheckoutRecord): Promise<void>;
  findById(id: string): Promise<TrialCheckoutRecord | null>;
  findByReference(gatewayId: string, providerReference: string): Promise<TrialCheckoutRecord | null>;
  recordReference(id: string, providerReference: string): Promise<void>;
  /** Marks the sign-up completed by `trialId`; false when it already was. */
  complete(id: string, trialId: string, at: Date): Promise<boolean>;
}

/** A payment method saved at a gateway for off-session charges. */
export interface SavedPaymentMethod {
  readonly id: string;
  readonly traderId: string;
  readonly gatewayId: string;
  readonly customerRef: string;
  readonly paymentMethodRef: string;
  readonly fingerprint: string | null;
  readonly savedAt: Date;
}

export interface SavedPaymentMethodRepository {
  add(method: SavedPaymentMethod): Promise<void>;
  findById(id: string): Promise<SavedPaymentMethod | null>;
}

/** Repositories of the commerce context, bound to the unit of work's transaction. */
export interface CommerceRepositories {
  readonly challengeModels: ChallengeModelRepository;
  readonly paymentGatewaySettings: PaymentGatewaySettingsRepository;
  readonly prohibitedCountries: ProhibitedCountryRepository;
  readonly orders: OrderRepository;
  readonly fulfilmentClaims: FulfilmentClaimRepository;
  readonly trials: TrialRepository;
  readonly trialCheckouts: TrialCheckoutRepository;
  readonly savedPaymentMethods: SavedPaymentMethodRepository;
}

// This context's repositories join every transaction (see `ContextRepositories`).
declare module '../../ports/unit-of-work.js' {
  interface ContextRepositories extends CommerceRepositories {}
}
