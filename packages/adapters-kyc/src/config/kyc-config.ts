import type { SumsubConfig } from '../sumsub/sumsub-kyc-provider.js';

/** Which KYC provider runs, and the key for document-number hashes. */
export type KycConfig = { readonly documentHashKey: string } & (
  | { readonly provider: 'manual' }
  | { readonly provider: 'sumsub'; readonly sumsub: SumsubConfig }
);

/**
 * Used only when an embedded installation sets no KYC_DOCUMENT_HASH_KEY, so a
 * fresh clone runs. Public, hence no protection: any deployment holding real
 * documents must set its own key (server mode requires one).
 */
export const EMBEDDED_DOCUMENT_HASH_KEY = 'tradesense-embedded-development-document-hash-key';

type Env = Readonly<Record<string, string | undefined>>;

const SUMSUB_REQUIRED = ['SUMSUB_APP_TOKEN', 'SUMSUB_SECRET_KEY', 'SUMSUB_WEBHOOK_SECRET', 'SUMSUB_LEVEL_NAME'] as const;

/** The environment variables of docs/kyc.md to a `KycConfig`. */
export function kycConfigFromEnv(env: Env, context: { mode: 'embedded' | 'server' }): KycConfig {
  const value = (name: string) => (env[name] ?? '') || undefined;
  const documentHashKey = value('KYC_DOCUMENT_HASH_KEY') ?? (context.mode === 'embedded' ? EMBEDDED_DOCUMENT_HASH_KEY : undefined);
  if (!documentHashKey) throw new Error('KYC_DOCUMENT_HASH_KEY is required in server mode');
  const provider = value('KYC_PROVIDER') ?? (value('SUMSUB_APP_TOKEN') ? 'sumsub' : 'manual');
  if (provider === 'manual') return { provider, documentHashKey };
  if (provider !== 'sumsub') throw new Error('KYC_PROVIDER must be one of manual, sumsub');
  const missing = SUMSUB_REQUIRED.filter((name) => !value(name));
  if (missing.length > 0) throw new Error(`Sumsub is partly configured; missing ${missing.join(', ')}`);
  const ttl = value('SUMSUB_LINK_TTL_SECONDS');
  if (ttl !== undefined && !/^\d+$/.test(ttl)) throw new Error('SUMSUB_LINK_TTL_SECONDS must be a whole number of seconds');
  return {
    provider,
    documentHashKey,
    sumsub: {
      appToken: env['SUMSUB_APP_TOKEN'] as string,
      secretKey: env['SUMSUB_SECRET_KEY'] as string,
      webhookSecret: env['SUMSUB_WEBHOOK_SECRET'] as string,
      levelName: env['SUMSUB_LEVEL_NAME'] as string,
      apiBaseUrl: value('SUMSUB_API_BASE_URL'),
      ...(ttl !== undefined && { linkTtlSeconds: Number(ttl) }),
    },
  };
}
