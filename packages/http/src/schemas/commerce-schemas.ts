import { z } from 'zod';
import { CodeText, Currency, DecimalString, Id, IdText, Instant, Int, List, NameText, PageQuery, Text, UrlText, pageOf } from './common.js';

const CountryCode = z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code').openapi({ maxLength: 2 });
const CurrencyCode = z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 4217 currency code').openapi({ maxLength: 3 });
/** Units of the settlement currency per unit of the price currency: positive, up to 10 decimals. */
const SettlementRate = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,10})?$/, 'a positive decimal rate as a string, e.g. "84.1234"')
  .openapi({ maxLength: 17, example: '84.1234' });
const Settlement = z.object({ currency: Currency, rate: z.string().max(32) }).nullable();

export const CatalogQuery = z.object({}).strict();

export const CatalogSize = z.looseObject({ balance: DecimalString, price: DecimalString }).openapi('CatalogSize');
export const CatalogModel = z
  .looseObject({
    id: IdText,
    name: NameText,
    version: Int(),
    currency: Currency,
    rules: z.record(z.string(), z.unknown()),
    sizes: List(CatalogSize),
    swapFreeAvailable: z.boolean(),
  })
  .openapi('CatalogModel');
export const Catalog = z.object({ models: List(CatalogModel) }).openapi('Catalog');

export const GatewaysQuery = z.object({ price: DecimalString.optional() });
export const OfferedGateway = z
  .object({
    id: IdText,
    displayName: NameText,
    kind: CodeText,
    fee: z.object({ percent: DecimalString, fixed: DecimalString, currency: Currency }),
    feeAmount: DecimalString.nullable(),
    total: DecimalString.nullable(),
    // A gateway collecting in another currency (UPI: INR): that currency and today's rate.
    settlement: Settlement,
    // What the gateway would collect for the given price (in the settlement currency when it has one).
    charge: z.object({ amount: DecimalString, currency: Currency }).nullable(),
    supportsTrials: z.boolean(),
  })
  .openapi('OfferedGateway');
export const GatewayOffer = z.object({ country: z.string().max(2), gateways: List(OfferedGateway) }).openapi('GatewayOffer');

export const PlaceOrderRequest = z
  .object({
    gatewayId: Id,
    modelId: Id.optional(),
    balance: DecimalString.optional(),
    swapFree: z.boolean().optional(),
    resetOfChallengeId: Id.nullable().optional(),
  })
  .strict();

export const Order = z
  .object({
    id: IdText,
    status: CodeText,
    modelId: IdText,
    modelVersion: Int(),
    accountSize: DecimalString,
    swapFree: z.boolean(),
    resetOfChallengeId: IdText.nullable(),
    gatewayId: IdText,
    currency: Currency,
    listPrice: DecimalString,
    price: DecimalString,
    gatewayFee: DecimalString,
    total: DecimalString,
    // What the gateway collects: the total, or for a gateway settling in another currency (UPI) the total at the rate frozen on the order.
    charge: z.object({ amount: DecimalString, currency: Currency, rate: z.string().max(32).nullable() }).openapi('OrderCharge'),
    createdAt: Instant,
    paidAt: Instant.nullable(),
    fulfilledAt: Instant.nullable(),
    challengeId: IdText.nullable(),
    cancellation: z.object({ reason: Text(), at: Instant }).nullable(),
    refund: z.object({ kind: CodeText, at: Instant }).nullable(),
  })
  .openapi('Order');
export const OrderPage = pageOf(Order, 'OrderPage');

export const CheckoutStart = z
  .object({ gatewayId: IdText, providerReference: z.string().max(255), redirectUrl: UrlText, clientParameters: z.record(z.string().max(64), z.string().max(2048)) })
  .openapi('CheckoutStart');
export const PlacedOrder = z.object({ order: Order, checkout: CheckoutStart }).openapi('PlacedOrder');
export const OrderParams = z.object({ orderId: Id });
export const OrdersQuery = PageQuery;

export const StartTrialRequest = z
  .object({ modelId: Id, balance: DecimalString, swapFree: z.boolean().optional(), gatewayId: Id })
  .strict();
export const TrialSignup = z
  .object({ signupId: IdText, price: DecimalString, currency: Currency, checkout: CheckoutStart })
  .openapi('TrialSignup');
export const TrialParams = z.object({ trialId: Id });
export const TrialCancelled = z.object({ trialId: IdText, cancelledAt: Instant }).openapi('TrialCancelled');
export const Trial = z
  .object({
    id: IdText,
    status: CodeText,
    modelId: IdText,
    accountSize: DecimalString,
    swapFree: z.boolean(),
    price: DecimalString,
    currency: Currency,
    startedAt: Instant,
    endsAt: Instant,
    nextChargeAt: Instant.nullable(),
    attempts: Int(),
    challengeId: IdText.nullable(),
  })
  .openapi('Trial');

/** The provider's query string on a return link passes through as text (PayPal `token`, Razorpay fields…). */
export const CheckoutReturnQuery = z.looseObject({});
export const CheckoutReturnParams = z.object({ orderId: Id });
export const CheckoutReturnPage = z
  .object({
    checkoutId: IdText,
    kind: z.enum(['order', 'trial']),
    outcome: z.enum(['success', 'cancel']),
    status: z.enum(['pending', 'paid', 'fulfilled', 'cancelled', 'refunded']),
    message: Text(),
  })
  .openapi('CheckoutReturnPage');

export const WebhookParams = z.object({ provider: z.string().regex(/^[a-z_]{2,32}$/).openapi({ maxLength: 32 }) });
export const WebhookAck = z
  .object({ received: z.literal(true), outcome: CodeText, code: CodeText.optional() })
  .openapi('WebhookAck');
/** The signed link's query; other parameters (e.g. a simulated outcome) pass through to the gateway. */
export const SimulatedConfirmQuery = z.looseObject({ token: z.string().min(1).max(4096) });

// Admin
export const ModelParams = z.object({ modelId: Id });
export const EditModelRequest = z
  .object({
    revision: z
      .object({
        name: z.string().min(1).max(100).optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
        sizes: List(z.record(z.string(), z.unknown()), 50).optional(),
      })
      .strict(),
    reason: z.string().max(500).optional(),
  })
  .strict();
export const SizeParams = z.object({ modelId: Id, balance: DecimalString });
export const SizePriceRequest = z.object({ price: DecimalString }).strict();
export const GatewayParams = z.object({ gatewayId: Id });
export const UpdateGatewayRequest = z
  .object({
    displayName: z.string().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
    allowedCountries: List(CountryCode, 250).nullable().optional(),
    blockedCountries: List(CountryCode, 250).optional(),
    availability: z.object({ timeZone: z.string().max(64), opens: z.string().max(8), closes: z.string().max(8) }).nullable().optional(),
    fee: z.object({ percent: DecimalString, fixed: DecimalString }).optional(),
    // The currency the gateway collects in and its rate per unit of the catalog currency; null: it collects the catalog currency.
    settlement: z.object({ currency: CurrencyCode, rate: SettlementRate }).strict().nullable().optional(),
  })
  .strict();
export const GatewaySettings = z.record(z.string(), z.unknown()).openapi('GatewaySettings');
export const CountryParams = z.object({ code: CountryCode });
export const ProhibitCountryRequest = z
  .object({ name: z.string().min(1).max(100), reason: z.enum(['sanctions', 'regulatory']) })
  .strict();
export const ProhibitedCountry = z.looseObject({ code: CodeText }).openapi('ProhibitedCountry');
