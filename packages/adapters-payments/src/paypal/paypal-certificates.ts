/** Fetches the PEM certificate PayPal names in `PAYPAL-CERT-URL`. Only ever called with an allow-listed URL. */
export type CertificateFetcher = (url: URL) => Promise<string>;

/** The hosts PayPal serves its webhook signing certificates from. */
export const PAYPAL_CERTIFICATE_HOSTS: readonly string[] = [
  'api.paypal.com',
  'api-m.paypal.com',
  'api.sandbox.paypal.com',
  'api-m.sandbox.paypal.com',
];

/**
 * The certificate URL travels in the (unsigned) request headers, so it is the
 * attacker's choice unless checked: only HTTPS on PayPal's own hosts, default
 * port, no credentials. Returns null when the URL is not acceptable.
 */
export function allowedCertificateUrl(value: string, hosts: readonly string[] = PAYPAL_CERTIFICATE_HOSTS): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const acceptable =
    url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && hosts.includes(url.hostname);
  return acceptable ? url : null;
}

/** Downloads over HTTPS (TLS authenticates PayPal's host) and keeps each certificate for the process's life. */
export function httpsCertificateFetcher(timeoutMs = 10_000): CertificateFetcher {
  const cache = new Map<string, Promise<string>>();
  return (url) => {
    const key = url.href;
    let pending = cache.get(key);
    if (!pending) {
      pending = fetch(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) }).then(async (response) => {
        if (!response.ok) throw new Error(`Certificate download failed with HTTP ${response.status}`);
        return response.text();
      });
      // A failed download is not cached, so the next delivery tries again.
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return pending;
  };
}
