import { hashApiKey, PROBLEM_TYPES } from '@stageplus/http';
import { TimerHarness } from '../../testing/timer-harness';

jest.setTimeout(60_000);

const WRITER = 'ticketing-writer-key-5b1e0c';
const READER = 'dashboard-reader-key-9f27d4';

describe('scopes on the timer read API', () => {
  const timer = new TimerHarness({
    API_KEYS: JSON.stringify([
      { id: 'ticketing-chus', sha256: hashApiKey(WRITER), tenants: ['chu-sainte-justine'], scopes: ['write'] },
      { id: 'dashboard-chus', sha256: hashApiKey(READER), tenants: ['chu-sainte-justine'], scopes: ['read'] },
    ]),
  });
  beforeAll(() => timer.start());
  afterAll(() => timer.stop());

  const get = (path: string, key: string) => fetch(`${timer.url}${path}`, { headers: { authorization: `Bearer ${key}` } });

  it('refuses a write-only key with 403 AUTH.SCOPE_MISSING naming "read", on the SLA and the board', async () => {
    for (const path of ['/v1/tenants/chu-sainte-justine/tickets/T-1/sla', '/v1/tenants/chu-sainte-justine/tickets']) {
      const answer = await get(path, WRITER);
      expect(answer.status).toBe(403);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="read"');
      expect(await answer.json()).toMatchObject({ type: PROBLEM_TYPES.scopeMissing, code: 'AUTH.SCOPE_MISSING', detail: expect.stringContaining('"read"') });
    }
  });

  it('lets a read key through, with its rate-limit headers', async () => {
    const answer = await get('/v1/tenants/chu-sainte-justine/tickets/T-1/sla', READER);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('ratelimit-limit')).toBe('200');
    expect((await get('/v1/tenants/chu-sainte-justine/tickets', READER)).status).toBe(200);
  });
});
