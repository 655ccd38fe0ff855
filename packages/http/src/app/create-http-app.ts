import { READINESS_CHECK } from '@tradesense/application';
import type { Platform } from '@tradesense/bootstrap';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { errorHandler, notFoundHandler } from '../problems/error-handler.js';
import { healthRoutes } from '../routes/health-routes.js';

export function createHttpApp(platform: Platform): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
    }),
  );
  app.use(express.json({ limit: '256kb' }));
  app.use(healthRoutes(platform.getAll(READINESS_CHECK)));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
