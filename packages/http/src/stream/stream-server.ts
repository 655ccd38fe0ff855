import { ACCESS_TOKENS, CLOCK, PRICE_FEED } from '@tradesense/application';
import type { Platform } from '@tradesense/bootstrap';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { problem } from '../problems/problem.js';
import { authenticateUpgrade } from './stream-auth.js';
import { StreamHub, type StreamStats } from './stream-hub.js';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from './stream-settings.js';

export interface RunningStream {
  stats(): StreamStats;
  /** Closes every connection and releases every feed subscription and timer; later upgrades get 503. */
  close(): Promise<void>;
}

/** Frames beyond this multiple of the message limit are not even buffered: ws closes with 1009. */
const HARD_LIMIT_FACTOR = 16;

/**
 * Serves the WebSocket stream on the HTTP server: upgrades only on the
 * stream path, only with a valid access token (refused with a problem
 * document otherwise, before any WebSocket exists), and a heartbeat that
 * terminates connections that stopped answering pings.
 */
export function attachStream(server: Server, platform: Platform, overrides: Partial<StreamSettings> = {}): RunningStream {
  const settings: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, signalRefreshMs: platform.config.signals.cacheSeconds * 1_000, ...overrides };
  const clock = platform.get(CLOCK);
  const tokens = platform.get(ACCESS_TOKENS);
  const hub = new StreamHub(
    {
      feed: platform.get(PRICE_FEED),
      clock,
      metrics: platform.useCases.accountMetrics,
      tradingAccountMetrics: platform.useCases.tradingAccountMetrics,
      activity: platform.useCases.accountActivity,
      signals: platform.useCases.tradingSignal,
      logger: platform.logger,
      tracing: platform.tracing,
    },
    settings,
  );
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: settings.maxMessageBytes * HARD_LIMIT_FACTOR });
  let closing = false;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A client that vanishes while its token is checked must not crash the process.
    const onSocketError = (): void => {
      socket.destroy();
    };
    socket.on('error', onSocketError);
    const path = new URL(req.url ?? '/', 'http://stream.invalid').pathname;
    if (path !== settings.path) return refuse(socket, 404, 'HTTP.NOT_FOUND', 'No WebSocket endpoint at this path');
    if (closing) return refuse(socket, 503, 'HTTP.SHUTTING_DOWN', 'The server is shutting down');
    // The http instrumentation traces requests, not upgrades: the connection gets a span of its own.
    platform.tracing.inSpan(
      'websocket connect',
      (span) =>
        authenticateUpgrade(req, tokens, clock).then(
          (access) => {
            if (socket.destroyed) return;
            span.setAttribute('tradesense.stream.authenticated', access !== null);
            if (!access) return refuse(socket, 401, 'AUTH.UNAUTHENTICATED', 'A valid access token is required (Authorization: Bearer, or the access_token query parameter)');
            if (closing) return refuse(socket, 503, 'HTTP.SHUTTING_DOWN', 'The server is shutting down');
            socket.off('error', onSocketError);
            wss.handleUpgrade(req, socket, head, (ws) => {
              if (closing) ws.terminate();
              else hub.accept(ws, access);
            });
          },
          (error: unknown) => {
            platform.logger.error({ err: error }, 'stream authentication failed');
            refuse(socket, 500, 'HTTP.INTERNAL', 'The connection could not be authenticated');
          },
        ),
      { kind: 'server', attributes: { 'url.path': path } },
    );
  };
  server.on('upgrade', onUpgrade);
  const heartbeat = setInterval(() => hub.heartbeat(), settings.heartbeatMs);
  heartbeat.unref();

  let closed: Promise<void> | null = null;
  return {
    stats: () => hub.stats(),
    close() {
      closed ??= (async () => {
        closing = true;
        clearInterval(heartbeat);
        await hub.close();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closed;
    },
  };
}

/** Answers the upgrade request with a plain HTTP problem response and closes the socket. */
function refuse(socket: Duplex, status: number, code: string, title: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(problem(status, code, title));
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
