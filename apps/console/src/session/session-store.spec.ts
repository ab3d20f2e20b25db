import { SessionStore } from './session-store';

const principal = { id: 'chus', tenants: ['chu-sainte-justine'], scopes: ['read' as const], expiresAt: null };

describe('console sessions', () => {
  let now = 1_000;
  let n = 0;
  const store = () => new SessionStore(60_000, () => `id-${++n}`, () => now);

  it('finds a session by its id until it expires, then forgets it', () => {
    const sessions = store();
    const { id } = sessions.open(principal, 'the-key');
    expect(sessions.find(id)).toMatchObject({ principal, apiKey: 'the-key', expiresAt: 61_000 });
    now = 61_000;
    expect(sessions.find(id)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('knows no session for a missing or unknown id, and none after sign-out', () => {
    now = 1_000;
    const sessions = store();
    const { id } = sessions.open(principal, 'the-key');
    expect(sessions.find(undefined)).toBeUndefined();
    expect(sessions.find('forged')).toBeUndefined();
    sessions.close(id);
    expect(sessions.find(id)).toBeUndefined();
  });

  it('sweeps expired sessions when a new one opens', () => {
    now = 1_000;
    const sessions = store();
    sessions.open(principal, 'a');
    now = 100_000;
    sessions.open(principal, 'b');
    expect(sessions.size).toBe(1);
  });
});
