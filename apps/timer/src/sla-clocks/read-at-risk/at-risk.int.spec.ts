import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from '@stageplus/http';
import { FAST_POLICY_PATH, ticketEvents, waitUntil } from '@stageplus/testing';
import { Redis } from 'ioredis';
import { TimerHarness } from '../../testing/timer-harness';
import type { AtRiskItem } from './at-risk.item';

jest.setTimeout(90_000);

/** The test policy with hours for seconds: nothing fires while the test reads the board. */
function hoursPolicy(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'at-risk-')), 'policy.yaml');
  writeFileSync(file, readFileSync(FAST_POLICY_PATH, 'utf8').replace(/PT(\d+)S/g, 'PT$1H'));
  return file;
}

interface Page {
  asOf: string;
  items: AtRiskItem[];
  nextCursor: string | null;
}

const tenantBKey = 'tenant-b-board-key-0123456789';
const MIN = 60_000;

describe('the at-risk board, on the real broker and Redis (test policy in hours: P1 response 2 h, resolution 4 h)', () => {
  const timer = new TimerHarness({
    POLICY_FILE: hoursPolicy(),
    API_KEYS: JSON.stringify([{ id: 'tenant-b-board', sha256: hashApiKey(tenantBKey), tenants: ['tenant-b'] }]),
  });
  const get = async (path: string, key = TimerHarness.apiKey) => fetch(`${timer.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const page = async (path: string, key?: string) => (await (await get(path, key)).json()) as Page;
  const now = Date.now();
  // tenant-a: three running P1 tickets opened 50, 30 and 10 minutes ago (response 50 % at +60 min),
  // one paused since 20 minutes ago; tenant-b: one running ticket.
  const a = [50, 30, 10].map((ago) => ({ ...ticketEvents('tenant-a'), openedAt: now - ago * MIN }));
  const paused = ticketEvents('tenant-a');
  const b = ticketEvents('tenant-b');

  beforeAll(async () => {
    await timer.start();
    for (const t of a) await timer.send(t.event('ticket.opened', t.openedAt, { impact: 1, urgency: 1 }));
    await timer.send(
      paused.event('ticket.opened', now - 40 * MIN, { impact: 1, urgency: 1 }),
      paused.event('ticket.responded', now - 39 * MIN),
      paused.event('ticket.updated', now - 20 * MIN, { status: 'pending_customer' }),
      b.event('ticket.opened', now - 40 * MIN, { impact: 1, urgency: 1 }),
    );
    await waitUntil(async () => ((await page('/v1/tenants/tenant-a/tickets?state=paused')).items.length === 1 ? true : undefined), 30_000, 'the paused ticket');
    await waitUntil(async () => ((await page('/v1/tickets')).items.length === 4 ? true : undefined), 30_000, 'the four running tickets');
  });
  afterAll(async () => {
    await timer.stop();
    const redis = new Redis(timer.config.redis.url);
    const keys = await redis.keys(`${timer.config.redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("lists a tenant's running tickets by their next threshold, with the engine's remaining business time", async () => {
    const { items, nextCursor, asOf } = await page('/v1/tenants/tenant-a/tickets?state=running');
    expect(items.map((i) => i.ticketId)).toEqual(a.map((t) => t.ticketId));
    expect(nextCursor).toBeNull();
    expect(items[0]).toMatchObject({
      tenantId: 'tenant-a',
      priority: 'P1',
      plan: 'BASE',
      clock: 'response',
      status: 'running',
      next: { clock: 'response', percent: 50, event: 'sla.escalated', level: 1, at: new Date(a[0].openedAt + 60 * MIN).toISOString() },
      dueAt: new Date(a[0].openedAt + 120 * MIN).toISOString(),
      targetMs: 120 * MIN,
      pausedSince: null,
    });
    expect(items[0].elapsedMs + items[0].remainingMs).toBe(120 * MIN);
    expect(Math.abs(items[0].remainingMs - (a[0].openedAt + 120 * MIN - Date.parse(asOf)))).toBeLessThan(1000);
  });

  it('pages with the cursor, each ticket once, in order', async () => {
    const first = await page('/v1/tenants/tenant-a/tickets?state=running&limit=2');
    expect(first.items.map((i) => i.ticketId)).toEqual([a[0].ticketId, a[1].ticketId]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(`/v1/tenants/tenant-a/tickets?state=running&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.ticketId)).toEqual([a[2].ticketId]);
    expect(second.nextCursor).toBeNull();
  });

  it('keeps paused tickets apart, by the start of their pause', async () => {
    const { items } = await page('/v1/tenants/tenant-a/tickets?state=paused');
    expect(items).toEqual([
      expect.objectContaining({ ticketId: paused.ticketId, clock: 'resolution', status: 'paused', dueAt: null, pausedSince: new Date(now - 20 * MIN).toISOString() }),
    ]);
    expect(items[0].elapsedMs).toBe(20 * MIN);
    expect((await page('/v1/tenants/tenant-a/tickets?state=running')).items.map((i) => i.ticketId)).not.toContain(paused.ticketId);
  });

  it("shows a tenant's key only its own tickets, and answers 403 problem+json for another tenant's path", async () => {
    const own = await page('/v1/tenants/tenant-b/tickets', tenantBKey);
    expect(own.items.map((i) => i.ticketId)).toEqual([b.ticketId]);
    const other = await get('/v1/tenants/tenant-a/tickets', tenantBKey);
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/v1/tickets', tenantBKey)).status).toBe(403);
    expect((await page('/v1/tickets?tenant=tenant-b', tenantBKey)).items.map((i) => i.ticketId)).toEqual([b.ticketId]);
  });

  it('lists every tenant for an all-tenants key, by next threshold', async () => {
    const { items } = await page('/v1/tickets?state=running');
    expect(items.map((i) => i.ticketId)).toEqual([a[0].ticketId, b.ticketId, a[1].ticketId, a[2].ticketId]);
  });

  it('answers 400 problem+json naming the field for a bad limit, state or cursor', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['state=closed', 'state'], ['cursor=nope', 'cursor']]) {
      const response = await get(`/v1/tenants/tenant-a/tickets?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([field]);
    }
  });
});
