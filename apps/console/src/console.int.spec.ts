import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY_PATH } from '@stageplus/sla-policy';
import { slaOutcome, waitUntil } from '@stageplus/testing';
import { SlaFeed } from './feed/sla-feed';
import { ConsoleUnderTest, notification, readStream } from './testing/console-under-test';

jest.setTimeout(60_000);

const CHUS = 'chu-sainte-justine';
const LAVAL = 'cisss-laval';

describe('the console against the real broker (timer stubbed)', () => {
  const subject = new ConsoleUnderTest();
  beforeAll(() => subject.start(), 60_000);
  afterAll(() => subject.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${subject.url}${path}`, { headers });

  it('answers every API with 401 problem+json without a session or key, and a wrong key cannot sign in', async () => {
    for (const path of ['/v1/feed', '/v1/board', '/v1/compliance', `/v1/tenants/${CHUS}/tickets/T-1`, '/v1/policy', '/session']) {
      const response = await get(path);
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 401, expect.stringContaining('application/problem+json')]);
    }
    const refused = await fetch(`${subject.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"key":"not-a-key-0123456789"}' });
    expect(refused.status).toBe(401);
  });

  it('signs in to an HttpOnly, SameSite=Strict session, and signing out ends it', async () => {
    const response = await fetch(`${subject.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: subject.lavalKey }) });
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).not.toContain(subject.lavalKey);
    expect(await (await get('/session', { cookie })).json()).toMatchObject({ keyId: 'ops-laval', allTenants: false, tenants: [{ id: LAVAL, name: 'CISSS de Laval', timeZone: 'America/Toronto' }] });
    await fetch(`${subject.url}/session`, { method: 'DELETE', headers: { cookie } });
    expect((await get('/session', { cookie })).status).toBe(401);
  });

  it('streams an event published on both SLA topics once, and only to keys of its establishment', async () => {
    const breach = notification(CHUS, 'T-both', 100);
    const cookie = await subject.signIn(subject.vendorKey);
    const vendor = readStream(`${subject.url}/v1/feed`, { cookie }, (events) => events.some((e) => e.data.includes('T-after')));
    const laval = readStream(`${subject.url}/v1/feed`, { authorization: `Bearer ${subject.lavalKey}` }, (events) => events.some((e) => e.data.includes('T-after')));
    await waitUntil(async () => (subject.app.get(SlaFeed).listening >= 2 ? true : undefined), 10_000, 'both streams listening');
    await subject.publish(subject.topics.escalations, `${CHUS}:T-both`, breach);
    await subject.publish(subject.topics.breaches, `${CHUS}:T-both`, breach);
    await subject.publish(subject.topics.escalations, `${LAVAL}:T-after`, notification(LAVAL, 'T-after', 50));
    const [seenByVendor, seenByLaval] = await Promise.all([vendor, laval]);
    const sla = (events: { event: string; data: string }[]) => events.filter((e) => e.event === 'sla').map((e) => JSON.parse(e.data) as { event: { ticketId: string }; timeZone: string });
    expect(sla(seenByVendor).map((i) => i.event.ticketId)).toEqual(['T-both', 'T-after']);
    expect(sla(seenByVendor)[0].timeZone).toBe('America/Toronto');
    expect(sla(seenByLaval).map((i) => i.event.ticketId)).toEqual(['T-after']);
  });

  it('forwards the viewer key to the timer for the board, adds each establishment zone, and refuses another establishment', async () => {
    subject.timer.answer = () => ({ status: 200, body: { asOf: new Date().toISOString(), items: [{ tenantId: LAVAL, ticketId: 'T-9', next: null }], nextCursor: 'c2' } });
    const page = await (await get(`/v1/board?state=running&limit=10`, { authorization: `Bearer ${subject.lavalKey}` })).json();
    expect(page).toMatchObject({ items: [{ ticketId: 'T-9', timeZone: 'America/Toronto' }], nextCursor: 'c2' });
    const call = subject.timer.calls.at(-1)!;
    expect(call.url).toBe(`/v1/tenants/${LAVAL}/tickets?state=running&limit=10`);
    expect(call.headers.authorization).toBe(`Bearer ${subject.lavalKey}`);
    await get('/v1/board?state=paused&cursor=c2', { authorization: `Bearer ${subject.vendorKey}` });
    expect(subject.timer.calls.at(-1)!.url).toBe('/v1/tickets?state=paused&cursor=c2&limit=50');
    const forbidden = await get(`/v1/board?tenant=${CHUS}`, { authorization: `Bearer ${subject.lavalKey}` });
    expect(forbidden.status).toBe(403);
    expect((await get(`/v1/tenants/${CHUS}/tickets/T-1`, { authorization: `Bearer ${subject.lavalKey}` })).status).toBe(403);
    subject.timer.answer = () => ({ status: 404, body: { statusCode: 404, message: 'no ticket T-404' } });
    const missing = await get(`/v1/tenants/${LAVAL}/tickets/T-404`, { authorization: `Bearer ${subject.lavalKey}` });
    expect([missing.status, ((await missing.json()) as { detail: string }).detail]).toEqual([404, 'no ticket T-404']);
  });

  it('counts compliance from the outcomes topic, per establishment the key may read', async () => {
    await subject.publish(subject.topics.outcomes, `${LAVAL}:T-1`, slaOutcome(LAVAL, 'T-1', '2026-06-10T15:00:00.000Z'));
    await subject.publish(subject.topics.outcomes, `${CHUS}:T-2`, slaOutcome(CHUS, 'T-2', '2026-06-10T15:00:00.000Z', { statuses: ['breached', 'breached'] }));
    const vendor = { authorization: `Bearer ${subject.vendorKey}` };
    const report = await waitUntil(async () => {
      const body = (await (await get('/v1/compliance?from=2026-06&to=2026-06', vendor)).json()) as { tickets: number; rows: { tenantId: string; met: number; breached: number }[] };
      return body.tickets === 2 ? body : undefined;
    }, 20_000, 'both outcomes counted');
    expect(report.rows).toHaveLength(4);
    const laval = (await (await get('/v1/compliance?from=2026-06&to=2026-06', { authorization: `Bearer ${subject.lavalKey}` })).json()) as { rows: { tenantId: string }[] };
    expect(new Set(laval.rows.map((r) => r.tenantId))).toEqual(new Set([LAVAL]));
    expect((await get(`/v1/compliance?tenant=${CHUS}`, { authorization: `Bearer ${subject.lavalKey}` })).status).toBe(403);
    expect((await get('/v1/compliance?from=2026-13', vendor)).status).toBe(400);
  });

  it('says it is ready in the shared health shape', async () => {
    expect(await (await get('/health/ready')).json()).toEqual({
      status: 'ready',
      service: 'console',
      checks: { broker: { status: 'up' }, consumer: { status: 'up' }, policy: { status: 'up', detail: 'version stageplus-2023-12-08 in force, history of 1 version' } },
    });
  });

  it('given an empty policy topic, then it published its own policy; given a correction published, then GET /v1/policy and the names follow it', async () => {
    const cookie = await subject.signIn(subject.lavalKey);
    const policy = async () => (await get('/v1/policy', { cookie })).json() as Promise<{ version: string; history: { version: string; publishedAt: string; replaces?: string }[] }>;
    expect(await policy()).toEqual({ version: 'stageplus-2023-12-08', history: [{ version: 'stageplus-2023-12-08', effectiveDate: '2023-12-08', publishedAt: expect.any(String) }] });
    const corrected = readFileSync(DEFAULT_POLICY_PATH, 'utf8')
      .replace('version: stageplus-2023-12-08', 'version: stageplus-2023-12-08-r1\nreplaces: stageplus-2023-12-08')
      .replace('name: CISSS de Laval', 'name: CISSS de Laval (Cité-de-la-Santé)');
    await subject.publishPolicy('stageplus-2023-12-08-r1', corrected, 'stageplus-2023-12-08');
    const after = await waitUntil(async () => ((await policy()).version === 'stageplus-2023-12-08-r1' ? policy() : undefined), 15_000, 'the correction in force');
    expect(after.history.map((v) => [v.version, v.replaces])).toEqual([['stageplus-2023-12-08-r1', 'stageplus-2023-12-08'], ['stageplus-2023-12-08', undefined]]);
    expect(Date.parse(after.history[0].publishedAt)).toBeGreaterThan(Date.parse(after.history[1].publishedAt));
    expect(await (await get('/session', { cookie })).json()).toMatchObject({ tenants: [{ id: LAVAL, name: 'CISSS de Laval (Cité-de-la-Santé)' }] });
  });
});
