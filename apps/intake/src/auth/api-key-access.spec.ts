import { hashApiKey, PROBLEM_TYPES } from '@stageplus/http';
import { waitUntil } from '@stageplus/testing';
import { startIntake, ticketEvent, type IntakeUnderTest } from '../testing/intake-under-test';

const KEY = {
  fresh: 'rotation-new-3c9f0e8a1b',
  old: 'rotation-old-7a2d41c6e5',
  gone: 'rotation-gone-0e4b9d2f77',
  reader: 'read-only-5d8e1a0c3f',
};
const DAY = 86_400_000;

/** CHUS mid-rotation (new key, old key until tomorrow, an older one expired yesterday) and a read-only key. */
const API_KEYS = JSON.stringify([
  {
    id: 'ticketing-chus',
    sha256s: [
      hashApiKey(KEY.fresh),
      { sha256: hashApiKey(KEY.old), expiresAt: new Date(Date.now() + DAY).toISOString() },
      { sha256: hashApiKey(KEY.gone), expiresAt: new Date(Date.now() - DAY).toISOString() },
    ],
    tenants: ['chu-sainte-justine'],
    scopes: ['write'],
  },
  { id: 'dashboard-chus', sha256: hashApiKey(KEY.reader), tenants: ['chu-sainte-justine'], scopes: ['read'] },
]);

describe('API keys with rotation, expiry, scope and a rate, on POST /v1/events', () => {
  let intake: IntakeUnderTest;
  afterEach(() => intake.close());

  const start = async (env: Record<string, string> = {}) => {
    intake = await startIntake({ partitions: 1, record: false, env: { API_KEYS, ...env } });
  };

  it('accepts the new and the old key of a rotation, and refuses the expired one with 401 AUTH.KEY_EXPIRED', async () => {
    await start();
    expect((await intake.post(ticketEvent(), { apiKey: KEY.fresh })).status).toBe(202);
    expect((await intake.post(ticketEvent(), { apiKey: KEY.old })).status).toBe(202);

    const expired = await intake.post(ticketEvent(), { apiKey: KEY.gone });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(expired.body).toMatchObject({ type: PROBLEM_TYPES.keyExpired, code: 'AUTH.KEY_EXPIRED', status: 401 });
    expect(JSON.stringify(expired.body)).not.toMatch(/ticketing-chus|rotation/);
  });

  it('refuses a read-only key with 403 AUTH.SCOPE_MISSING naming "write"', async () => {
    await start();
    const answer = await intake.post(ticketEvent(), { apiKey: KEY.reader });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="write"');
    expect(answer.body).toMatchObject({ type: PROBLEM_TYPES.scopeMissing, code: 'AUTH.SCOPE_MISSING', detail: expect.stringContaining('"write"') });
  });

  it('answers a key over its rate with 429, Retry-After and RateLimit headers, and accepts it again after the wait', async () => {
    await start({ API_RATE_LIMIT_PER_SECOND: '2', API_RATE_LIMIT_BURST: '2' });
    const first = await intake.post(ticketEvent(), { apiKey: KEY.fresh });
    expect(first.status).toBe(202);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect((await intake.post(ticketEvent(), { apiKey: KEY.old })).status).toBe(202);

    const refused = await intake.post(ticketEvent(), { apiKey: KEY.fresh });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.body).toMatchObject({ type: PROBLEM_TYPES.rateLimited, code: 'RATE_LIMIT.EXCEEDED', status: 429 });

    const refusedAt = Date.now();
    await waitUntil(async () => ((await intake.post(ticketEvent(), { apiKey: KEY.fresh })).status === 202 ? true : undefined), 5_000, 'accepted again');
    expect(Date.now() - refusedAt).toBeLessThanOrEqual(Number(refused.headers.get('retry-after')) * 1000 + 1_000);
  });

  it('refuses a 900 KB body of garbage without a key with 401, unparsed, and keeps the connection usable', async () => {
    await start();
    const garbage = `{"events": [${'x'.repeat(900_000)}`;
    const send = (authorization?: string) =>
      fetch(`${intake.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: garbage,
      });

    const started = Date.now();
    const withoutKey = await send();
    expect(withoutKey.status).toBe(401);
    expect(await withoutKey.json()).toMatchObject({ type: PROBLEM_TYPES.unauthorized });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await send('Bearer not-a-key')).status).toBe(401);

    // The same body with a key is parsed, and refused as the invalid JSON it is.
    expect((await send(`Bearer ${KEY.fresh}`)).status).toBe(400);
    expect((await intake.post(ticketEvent(), { apiKey: KEY.fresh })).status).toBe(202);
  });

  it('limits requests without a valid key per address: 429 once its budget is spent, a valid key still passes', async () => {
    await start({ API_RATE_LIMIT_UNAUTHENTICATED_PER_SECOND: '0.1', API_RATE_LIMIT_UNAUTHENTICATED_BURST: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await intake.post(ticketEvent(), { apiKey: `wrong-key-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await intake.post(ticketEvent(), { apiKey: null })).headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await intake.post(ticketEvent(), { apiKey: KEY.fresh })).status).toBe(202);
  });
});
