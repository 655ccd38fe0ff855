import type { ClientContext } from '@tradesense/application';
import type { Request } from 'express';

/** What the web app may send as `X-Device-Id`: an opaque id it generated and keeps (e.g. a UUID). */
export const DEVICE_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Where a request came from, recorded with sign-ins and trades as evidence
 * for the prohibited-strategy checks. `req.ip` follows the app's `trust
 * proxy` setting, so a forwarded address counts only from a configured proxy.
 * A missing or malformed device id is recorded as unknown rather than refused:
 * the header is evidence the client offers, never a condition of the request.
 */
export function clientContext(req: Request): ClientContext {
  const device = req.header('x-device-id');
  return {
    ip: req.ip ?? null,
    deviceId: device !== undefined && DEVICE_ID.test(device) ? device : null,
    userAgent: req.header('user-agent') ?? null,
  };
}
