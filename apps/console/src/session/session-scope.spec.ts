import { PROBLEM_TYPES } from '@stageplus/http';
import { ConsoleUnderTest } from '../testing/console-under-test';

describe('the console asks for the read scope', () => {
  const console_ = new ConsoleUnderTest();
  beforeAll(() => console_.start());
  afterAll(() => console_.stop());

  it('refuses to sign in a write-only key with 403 AUTH.SCOPE_MISSING naming "read"', async () => {
    const answer = await fetch(`${console_.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: console_.writerKey }),
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(await answer.json()).toMatchObject({ type: PROBLEM_TYPES.scopeMissing, code: 'AUTH.SCOPE_MISSING', detail: expect.stringContaining('"read"') });
  });

  it('refuses a write-only bearer key on the API, and lets a read key through with its rate-limit headers', async () => {
    const asWriter = await fetch(`${console_.url}/session`, { headers: { authorization: `Bearer ${console_.writerKey}` } });
    expect(asWriter.status).toBe(403);
    expect(asWriter.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="read"');

    const asReader = await fetch(`${console_.url}/session`, { headers: { authorization: `Bearer ${console_.lavalKey}` } });
    expect(asReader.status).toBe(200);
    expect(asReader.headers.get('ratelimit-limit')).toBe('200');
  });

  it('signs a read key in', async () => {
    expect(await console_.signIn(console_.lavalKey)).toMatch(/=/);
  });
});
