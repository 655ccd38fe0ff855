import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import type { AnyRoute } from '../api/route.js';
import type { FuzzRequest } from './fuzz-request.js';
import type { Verdict } from './server-view.js';

/** Who sends a fuzzed request: the role its token carries, or none. */
export interface Who {
  readonly name: string;
  readonly role: 'trader' | 'admin' | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Ways of calling without a valid token: none, a well-formed JWT signed with another key, a malformed header. */
export const ANONYMOUS: readonly Who[] = [
  { name: 'anonymous', role: null, headers: {} },
  {
    name: 'forged token',
    role: null,
    headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl' },
  },
  { name: 'malformed authorization', role: null, headers: { authorization: 'Basic Zm9vOmJhcg==' } },
];

/**
 * Sends the request line exactly as generated (node:http does not normalise
 * dot segments or escapes the way fetch does) on a fresh connection, so no
 * answer is lost to a kept-alive socket the server is closing.
 */
export function send(baseUrl: string, request: FuzzRequest, who: Who): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  const body = request.body !== undefined ? Buffer.from(request.body, 'utf8') : undefined;
  const headers = { ...request.headers, ...who.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ hostname, port, method: request.method, path: request.target, headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, contentType: incoming.headers['content-type'] ?? '', text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const PROBLEM_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

/** Refusals made before any handler runs (routing, body parsing, authentication, validation). */
export const BEFORE_HANDLER = /^(HTTP\.[A-Z_]+|AUTH\.(UNAUTHENTICATED|FORBIDDEN)|VALIDATION\.FAILED)$/;

/** The problem body of an error answer, checked for the RFC 9457 shape and a stable code. */
export function problemOf(answer: Answer, context: string): { code: string } {
  expect(answer.contentType, context).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(answer.text) as { code?: unknown; status?: unknown; title?: unknown };
  expect(body.status, context).toBe(answer.status);
  expect(typeof body.title, context).toBe('string');
  expect(body.code, context).toMatch(PROBLEM_CODE);
  return { code: body.code as string };
}

const admitted = (route: AnyRoute, who: Who) =>
  route.access === 'public' || (who.role !== null && (route.access === 'authenticated' || route.access === who.role));

/** The problem codes a refusal may carry, given why the input is bad and who sent it. */
export function expectedCodes(verdict: Extract<Verdict, { kind: 'refuse' }>, who: Who): RegExp {
  switch (verdict.reason) {
    case 'malformed body':
      // JSON parsing runs before routing: broken JSON, a wrong charset or encoding (415), too large (413).
      return /^HTTP\.(MALFORMED_BODY|BAD_REQUEST|PAYLOAD_TOO_LARGE|UNSUPPORTED_MEDIA_TYPE)$/;
    case 'undecodable path':
      // Refused before routing, whichever route the path would land on (docs/api.md).
      return /^HTTP\.MALFORMED_PATH$/;
    case 'no route':
      return /^HTTP\.NOT_FOUND$/;
    case 'unsigned webhook':
      // The raw body parser refuses undecodable or oversized bytes; then a bad provider name fails validation,
      // a configured provider refuses the signature, an unknown one is not found.
      return /^(HTTP\.(BAD_REQUEST|PAYLOAD_TOO_LARGE|UNSUPPORTED_MEDIA_TYPE)|VALIDATION\.FAILED|WEBHOOK\.[A-Z_]+|[A-Z]+\.(GATEWAY_UNKNOWN|PROVIDER_UNKNOWN|NOT_FOUND))$/;
    default: {
      const route = verdict.route!;
      const limited = route.rateLimited ? '|HTTP\\.TOO_MANY_REQUESTS' : '';
      // A route that reads a text file (a calendar import) refuses another media type (415) after routing, and the
      // file's own content is judged by its handler: a refusal there is the route's own problem, all or nothing.
      const text = route.textBody ? '|HTTP\\.UNSUPPORTED_MEDIA_TYPE|[A-Z_]+\\.IMPORT_INVALID' : '';
      if (admitted(route, who)) return new RegExp(`^(VALIDATION\\.FAILED${limited}${text})$`);
      return new RegExp(`^(${who.role === null ? 'AUTH\\.UNAUTHENTICATED' : 'AUTH\\.FORBIDDEN'}${limited})$`);
    }
  }
}

/**
 * Checks each caller's answer to one request: below 500; for bad input a 4xx
 * problem with the code its failure calls for. Returns whether some answer
 * came from a handler (then the database must be compared at once).
 */
export function checkAnswers(verdict: Verdict, callers: readonly Who[], answers: readonly Answer[]): boolean {
  let handled = false;
  answers.forEach((answer, index) => {
    const who = callers[index]!;
    const context = `${who.name}: ${answer.status} ${answer.text.slice(0, 300)}`;
    expect(answer.status, context).toBeLessThan(500);
    if (verdict.kind === 'refuse') {
      expect(answer.status, context).toBeGreaterThanOrEqual(400);
      expect(problemOf(answer, context).code, context).toMatch(expectedCodes(verdict, who));
    }
    const code = answer.status >= 400 ? problemOf(answer, context).code : null;
    if (code === null || !BEFORE_HANDLER.test(code)) handled = true;
  });
  return handled;
}
