/** Request headers as Node hands them over: lower-case names, repeated headers as arrays. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A provider notification exactly as it arrived. */
export interface WebhookRequest {
  /**
   * The body's exact bytes. Providers sign these bytes, so the HTTP layer must
   * hand them over before any JSON parsing (a re-serialised body no longer
   * matches its signature).
   */
  readonly rawBody: Buffer;
  readonly headers: WebhookHeaders;
}

export type WebhookErrorCode =
  /** The signature is missing, malformed, made with another secret, or over other bytes. */
  | 'WEBHOOK.SIGNATURE_INVALID'
  /** Correctly signed, but the signed timestamp is outside the provider's tolerance (a replay). */
  | 'WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE'
  /** Authentic, but not a payload this adapter can read. */
  | 'WEBHOOK.MALFORMED'
  /** This provider receives no webhooks (e.g. the manual KYC review). */
  | 'WEBHOOK.NOT_SUPPORTED';

/**
 * A notification was refused. Adapters throw it before producing any event,
 * so nothing unverified ever reaches a use case; the HTTP layer answers 400
 * (the provider then retries or gives up) and logs the code.
 */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';

  constructor(
    readonly code: WebhookErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const isWebhookError = (error: unknown, code?: WebhookErrorCode): error is WebhookError =>
  error instanceof WebhookError && (code === undefined || error.code === code);

/**
 * A verified notification the platform does not act on: an event type it
 * does not use (providers send many), or a state with nothing to do yet (a
 * pending capture). The HTTP layer acknowledges it with 2xx so it is not
 * retried.
 */
export interface IgnoredNotice {
  readonly outcome: 'ignored';
  readonly provider: string;
  readonly providerEventId: string;
  /** The provider's own event type. */
  readonly rawType: string;
}
