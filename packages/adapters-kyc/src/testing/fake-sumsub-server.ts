import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SumsubRequest {
  readonly method: string;
  /** Path with query, exactly as received. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface FakeSumsub {
  readonly url: string;
  readonly requests: SumsubRequest[];
  /** Requests refused because the App Token signature did not verify. */
  readonly refused: number;
  /** Sets what the applicant's review and documents look like. */
  setApplicant(applicantId: string, fields: Record<string, unknown>): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/**
 * The Sumsub API endpoints the provider uses, checking every request's
 * X-App-Access-Sig against the documented recipe (HMAC-SHA256 of
 * ts + METHOD + path-with-query + body) and answering in Sumsub's shapes.
 */
export async function startFakeSumsub(appToken: string, secretKey: string): Promise<FakeSumsub> {
  const requests: SumsubRequest[] = [];
  const applicants = new Map<string, Json>();
  let refused = 0;
  let sequence = 0;

  const signatureValid = (request: SumsubRequest): boolean => {
    const ts = String(request.headers['x-app-access-ts'] ?? '');
    const expected = createHmac('sha256', secretKey).update(`${ts}${request.method}${request.target}`).update(request.body).digest();
    const given = Buffer.from(String(request.headers['x-app-access-sig'] ?? ''), 'hex');
    return request.headers['x-app-token'] === appToken && given.length === expected.length && timingSafeEqual(given, expected);
  };

  const answer = (request: SumsubRequest): { status: number; body: unknown } => {
    const url = new URL(request.target, 'http://sumsub.test');
    const json = () => JSON.parse(request.body.toString('utf8')) as Json;
    if (request.method === 'POST' && url.pathname === '/resources/applicants') {
      const body = json();
      const existing = [...applicants.values()].find((applicant) => applicant['externalUserId'] === body['externalUserId']);
      if (existing) {
        return {
          status: 409,
          body: { description: `Applicant with external user id '${String(body['externalUserId'])}' already exists: ${String(existing['id'])}`, code: 409, correlationId: 'c1' },
        };
      }
      const id = `63e0f1c2a1b2c3d4e5f6a7b${++sequence}`;
      const applicant = { id, createdAt: '2026-03-10 11:00:00', inspectionId: `insp${sequence}`, type: 'individual', review: { reviewStatus: 'init' }, levelName: url.searchParams.get('levelName'), ...body };
      applicants.set(id, applicant);
      return { status: 200, body: applicant };
    }
    if (request.method === 'POST' && url.pathname === '/resources/sdkIntegrations/levels/-/websdkLink') {
      return { status: 200, body: { url: `https://in.sumsub.com/websdk/p/sbx_${String(json()['userId'])}` } };
    }
    const match = /^\/resources\/applicants\/([^/]+)\/one$/.exec(url.pathname);
    if (request.method === 'GET' && match?.[1]) {
      const key = decodeURIComponent(match[1]);
      const external = /^-;externalUserId=(.+)$/.exec(key);
      const applicant = external ? [...applicants.values()].find((a) => a['externalUserId'] === external[1]) : applicants.get(key);
      return applicant ? { status: 200, body: applicant } : { status: 404, body: { description: 'Applicant not found', code: 404 } };
    }
    return { status: 404, body: { description: 'Not found', code: 404 } };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: SumsubRequest = { method: req.method ?? 'GET', target: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(request);
      const reply = signatureValid(request)
        ? answer(request)
        : (refused++, { status: 401, body: { description: 'Request signature mismatch', code: 401, errorCode: 4003 } });
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get refused() {
      return refused;
    },
    setApplicant(applicantId, fields) {
      const applicant = applicants.get(applicantId);
      if (!applicant) throw new Error(`No applicant ${applicantId}`);
      Object.assign(applicant, fields);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
