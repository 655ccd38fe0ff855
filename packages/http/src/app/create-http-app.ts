import { ACCESS_TOKENS, CLOCK, IDEMPOTENCY_STORE, RATE_LIMIT_COUNTER, READINESS_CHECK } from '@tradesense/application';
import { scrubQuery, scrubUrl, type Platform } from '@tradesense/bootstrap';
import cors from 'cors';
import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { apiRouter } from '../api/api-router.js';
import { openApiDocument } from '../openapi/openapi-document.js';
import { errorHandler, notFoundHandler } from '../problems/error-handler.js';
import { problem } from '../problems/problem.js';
import { allRoutes } from '../routes/all-routes.js';
import { healthRoutes } from '../routes/health-routes.js';
import { requestMetrics } from './request-metrics.js';
import { SharedRateLimitStore } from './shared-rate-limit-store.js';

export function createHttpApp(platform: Platform): Express {
  const { config } = platform;
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For names the client only when it comes from a configured proxy (TRUST_PROXY; none by default).
  app.set('trust proxy', config.http.trustProxy === false ? false : typeof config.http.trustProxy === 'number' ? config.http.trustProxy : [...config.http.trustProxy]);
  // First, so the time includes every middleware the request goes through.
  app.use(requestMetrics(platform.metrics.http));
  app.use(
    pinoHttp({
      logger: platform.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' },
      // Tokens ride in some URLs (checkout confirm links, the stream's ?access_token=): the logged URL and query lose them.
      serializers: {
        req: (req: { url?: string; query?: unknown }) => ({
          ...req,
          ...(req.url ? { url: scrubUrl(req.url) } : {}),
          ...(req.query ? { query: scrubQuery(req.query) } : {}),
        }),
      },
    }),
  );
  app.use(helmet());
  app.use(cors({ origin: config.http.corsOrigins.length > 0 ? [...config.http.corsOrigins] : false }));
  // Webhook routes need the raw bytes for signature checks, so JSON parsing skips them.
  app.use(express.json({ limit: '256kb', type: (req) => !req.url?.startsWith('/v1/webhooks/') && /json/.test(String(req.headers['content-type'])) }));
  app.use(healthRoutes(platform.getAll(READINESS_CHECK)));

  const routes = allRoutes(platform);
  const document = openApiDocument(routes, config.http.publicBaseUrl);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'TradeSense API' }));

  const authRateLimiter = rateLimit({
    windowMs: 60_000,
    limit: config.http.authRateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new SharedRateLimitStore(platform.get(RATE_LIMIT_COUNTER), platform.get(CLOCK), 'auth:'),
    // An X-Forwarded-For from an untrusted peer is expected and ignored (TRUST_PROXY), not a misconfiguration to warn about.
    validate: { xForwardedForHeader: false },
    handler: (req, res) => {
      // Seconds until the window ends on the platform's clock (the library would count on the process clock).
      const resetAt = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const wait = resetAt ? Math.max(1, Math.ceil((resetAt.getTime() - platform.get(CLOCK).now().getTime()) / 1000)) : 60;
      res.setHeader('retry-after', String(wait));
      const body = problem(429, 'HTTP.TOO_MANY_REQUESTS', 'Too many attempts; try again in a minute', { instance: req.originalUrl });
      res.status(429).type('application/problem+json').send(JSON.stringify(body));
    },
  });
  app.use(
    apiRouter(routes, {
      accessTokens: platform.get(ACCESS_TOKENS),
      clock: platform.get(CLOCK),
      idempotency: platform.get(IDEMPOTENCY_STORE),
      idempotencyLeaseMs: config.http.idempotencyLeaseSeconds * 1000,
      authRateLimiter,
    }),
  );
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
