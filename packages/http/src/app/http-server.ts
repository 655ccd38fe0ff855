import type { Platform } from '@tradesense/bootstrap';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from './create-http-app.js';

export interface RunningHttpServer {
  readonly server: Server;
  readonly url: string;
  stop(): Promise<void>;
}

/** Listens on the configured host/port (port 0 picks a free one). */
export async function startHttpServer(platform: Platform): Promise<RunningHttpServer> {
  const app = createHttpApp(platform);
  const server = createServer(app);
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
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
