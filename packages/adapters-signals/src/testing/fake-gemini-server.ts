import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly apiKey: string | undefined;
  readonly body: unknown;
}

/** What the fake answers next: a model text, a raw HTTP reply, or silence until the client gives up. */
export type FakeReply =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'http'; readonly status: number; readonly body: string }
  | { readonly kind: 'hang' };

export interface FakeGeminiServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  reply(next: FakeReply): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the Generative Language REST API: it answers
 * `POST /v1beta/models/{model}:generateContent` in the API's response format
 * (`candidates[0].content.parts[0].text`) and records what it was sent.
 */
export async function startFakeGeminiServer(): Promise<FakeGeminiServer> {
  const requests: RecordedRequest[] = [];
  let next: FakeReply = { kind: 'http', status: 500, body: '{"error":{"code":500,"message":"no reply set"}}' };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        apiKey: request.headers['x-goog-api-key'] as string | undefined,
        body: raw.length > 0 ? JSON.parse(raw) : null,
      });
      if (request.method !== 'POST' || !/^\/v1beta\/models\/[^/:]+:generateContent$/.test(request.url ?? '')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":404,"message":"not found"}}');
        return;
      }
      if (next.kind === 'hang') return;
      if (next.kind === 'http') {
        response.writeHead(next.status, { 'content-type': 'application/json' }).end(next.body);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          candidates: [{ content: { role: 'model', parts: [{ text: next.text }] }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 50, totalTokenCount: 150 },
          modelVersion: 'fake',
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply(reply) {
      next = reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
