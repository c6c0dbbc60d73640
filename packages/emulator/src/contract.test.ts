import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractViolations, requestViolations } from './contract/check.ts';
import { gridDocument, pathShape } from './contract/document.ts';
import { CONTRACT_EXCEPTIONS } from './contract/exceptions.ts';
import type { Exchange } from './contract/exchange.ts';
import { assertNoContractViolations, createContractRecorder } from './contract/recorder.ts';
import { ROUTE_TOUR, type Walk } from './contract/tour.ts';
import { routeKey } from './router.ts';
import { GRID } from './routes/prefix.ts';
import { ROUTES } from './server.ts';
import { startEmulator, type TestServer } from './testkit/http.ts';

/**
 * The contract test itself: the emulator's routes against Grid's published
 * OpenAPI document, the validator against deliberately broken traffic, and a
 * walk that reaches every route (the other test files check whatever traffic
 * they make, through the recorder testkit installs).
 */

const SESSION = {
  id: 'Session:019542f5-b3e7-1d02-0000-000000000003',
  accountId: 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002',
  type: 'EMAIL_OTP',
  nickname: 'ada@example.com',
  createdAt: '2026-04-08T15:30:01Z',
  updatedAt: '2026-04-08T15:30:01Z',
  expiresAt: '2026-04-08T15:45:01Z',
};

function exchange(overrides: Partial<Exchange>): Exchange {
  return {
    method: 'POST',
    path: `${GRID}/auth/credentials/AuthMethod:019542f5-b3e7-1d02-0000-000000000001/verify`,
    query: new URLSearchParams(),
    requestHeaders: ['authorization', 'content-type'],
    requestBody: { type: 'EMAIL_OTP', encryptedOtpBundle: '{"encappedPublic":"04ab","ciphertext":"cd"}' },
    status: 200,
    responseBody: SESSION,
    ...overrides,
  };
}

const problems = (e: Exchange, exceptions = CONTRACT_EXCEPTIONS) =>
  contractViolations(e, exceptions).map((v) => `${v.operation} ${v.direction}: ${v.problem}`);

describe('Grid’s document', () => {
  it('has an operation for every Grid route the emulator serves (same method, same path shape)', () => {
    const grid = ROUTES.filter((r) => r.auth === 'grid');
    expect(grid.length).toBeGreaterThan(0);
    const missing = grid.filter((r) => !gridDocument().operation(r.method, pathShape(r.path.slice(GRID.length)))).map(routeKey);
    expect(missing).toEqual([]);
  });

  it('names a real operation and a reason in every exception', () => {
    for (const exception of CONTRACT_EXCEPTIONS) {
      expect(
        gridDocument().operations.map((op) => op.operationId),
        exception.operation,
      ).toContain(exception.operation);
      expect(exception.reason.length).toBeGreaterThan(20);
    }
  });
});

describe('the contract check', () => {
  it('passes a response and an accepted request that match the document', () => {
    expect(problems(exchange({}))).toEqual([]);
  });

  it('fails a deliberately broken response: a session without expiresAt', () => {
    const { expiresAt: _, ...broken } = SESSION;
    expect(problems(exchange({ responseBody: broken }))).toEqual([
      expect.stringMatching(/^verifyAuthCredential response: body: .*expiresAt/),
    ]);
  });

  it('fails an error code the document does not list (404 NOT_FOUND), and a status it does not list (413)', () => {
    const notFound = { status: 404, code: 'NOT_FOUND', message: 'Credential not found' };
    expect(problems(exchange({ status: 404, responseBody: notFound }))).toEqual([
      expect.stringMatching(/response: body: \/code must be equal to one of the allowed values/),
    ]);
    expect(problems(exchange({ status: 404, responseBody: { ...notFound, code: 'REFERENCE_NOT_FOUND' } }))).toEqual([]);
    const tooLarge = { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'too large' };
    expect(problems(exchange({ status: 413, responseBody: tooLarge }))).toEqual([
      expect.stringMatching(/status 413 is not among the document's responses/),
    ]);
  });

  it('fails a body where the document has none, and a missing one where it has one', () => {
    const revoke = { method: 'DELETE', path: `${GRID}/auth/sessions/Session:1`, requestBody: undefined };
    expect(problems(exchange({ ...revoke, status: 204, responseBody: {} }))).toEqual([expect.stringMatching(/status 204 has no body/)]);
    expect(problems(exchange({ ...revoke, status: 204, responseBody: undefined }))).toEqual([]);
    expect(problems(exchange({ responseBody: undefined }))).toEqual([expect.stringMatching(/status 200 needs a JSON body/)]);
  });

  it('fails an accepted request outside the document, unless a named exception covers it', () => {
    const plaintext = exchange({ requestBody: { type: 'EMAIL_OTP', otp: '123456', clientPublicKey: `04${'ab'.repeat(64)}` } });
    expect(problems(plaintext, [])).toEqual([expect.stringMatching(/^verifyAuthCredential request: body: .*encryptedOtpBundle/)]);
    expect(problems(plaintext)).toEqual([]);
    // A refused request is the emulator's tests' deliberate bad input: only its answer is checked.
    expect(
      problems({ ...plaintext, status: 400, responseBody: { status: 400, code: 'INVALID_INPUT', message: 'otp: removed' } }, []),
    ).toEqual([]);
    const list = exchange({ method: 'GET', path: `${GRID}/auth/sessions`, requestBody: undefined, responseBody: { data: [] } });
    expect(problems(list)).toEqual([expect.stringMatching(/query parameter accountId is required/)]);
  });

  it('checks a client’s request (the SDK’s, as its tests send it) whatever the answer', () => {
    const refresh = { method: 'POST', path: '/auth/sessions/Session:1/refresh' };
    expect(requestViolations({ ...refresh, body: { clientPublicKey: `02${'ab'.repeat(32)}` } })).toEqual([]);
    expect(requestViolations({ ...refresh, body: { clientPublicKey: 'not-a-key' } })).toEqual([
      expect.objectContaining({ operation: 'refreshAuthSession', problem: expect.stringMatching(/clientPublicKey must match pattern/) }),
    ]);
    expect(requestViolations({ method: 'GET', path: '/auth/credentials?accountId=InternalAccount:1' })).toEqual([]);
    expect(requestViolations({ method: 'POST', path: '/auth/nothing', body: {} })).toHaveLength(1);
  });

  it('checks paths with no operation against the generic error shapes, and ignores what is not Grid', () => {
    const unknown = { method: 'GET', path: `${GRID}/auth/nothing`, requestBody: undefined, status: 404 };
    expect(problems(exchange({ ...unknown, responseBody: { status: 404, code: 'NOT_FOUND', message: 'x' } }))).toHaveLength(1);
    expect(problems(exchange({ ...unknown, responseBody: { status: 404, code: 'REFERENCE_NOT_FOUND', message: 'x' } }))).toEqual([]);
    expect(problems(exchange({ path: '/_emulator/outbox', status: 200, responseBody: 'anything' }))).toEqual([]);
  });

  it('fails the test that caused a violation: the recorder collects it until afterEach throws', () => {
    const recorder = createContractRecorder();
    const { expiresAt: _, ...broken } = SESSION;
    recorder.record(exchange({ route: `POST ${GRID}/auth/credentials/:id/verify`, responseBody: broken }));
    expect(recorder.exercised).toEqual(new Set([`POST ${GRID}/auth/credentials/:id/verify`]));
    expect(() => assertNoContractViolations()).toThrow(/verifyAuthCredential .* response: body: .*expiresAt/);
    expect(() => assertNoContractViolations()).not.toThrow();
  });
});

describe('route coverage', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startEmulator();
  });
  afterAll(() => t.close());

  it('the tour has exactly one stop per emulator route', () => {
    const stops = ROUTE_TOUR.map((stop) => stop.route);
    expect(new Set(stops).size).toBe(stops.length);
    expect([...stops].sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('walking the tour reaches every route, each at its own stop, with traffic that matches the document', async () => {
    const walk: Walk = { t };
    for (const stop of ROUTE_TOUR) {
      await stop.run(walk);
      expect(t.exercised.has(stop.route), `${stop.route} was not reached by its stop`).toBe(true);
    }
    expect([...t.exercised].sort()).toEqual(ROUTES.map(routeKey).sort());
  });
});
