import type { Platform } from '@tradesense/bootstrap';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachStream, type RunningStream } from '../stream/stream-server.js';
import type { StreamSettings } from '../stream/stream-settings.js';
import { createHttpApp } from './create-http-app.js';

export interface HttpServerOptions {
  /** Limits and rhythms of the WebSocket stream at /v1/stream. */
  readonly stream?: Partial<StreamSettings>;
}

export interface RunningHttpServer {
  readonly server: Server;
  readonly url: string;
  readonly stream: Pick<RunningStream, 'stats'>;
  /** Closes the stream's connections and feed subscriptions, then the HTTP server. */
  stop(): Promise<void>;
}

/** Listens on the configured host/port (port 0 picks a free one), with the WebSocket stream attached. */
export async function startHttpServer(platform: Platform, options: HttpServerOptions = {}): Promise<RunningHttpServer> {
  const app = createHttpApp(platform);
  const server = createServer(app);
  const stream = attachStream(server, platform, options.stream);
  const { host, port } = platform.config.http;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  platform.logger.info({ url }, 'http server listening');
  return {
    server,
    url,
    stream,
    stop: async () => {
      await stream.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
