import { clearedSessionCookie, SESSION_COOKIE, sessionCookie, sessionIdOf } from './session-cookie';

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Strict, Secure only when asked', () => {
    expect(sessionCookie('abc', 3_600_000, false)).toBe(`${SESSION_COOKIE}=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=3600`);
    expect(sessionCookie('abc', 3_600_000, true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toContain('Max-Age=0');
  });

  it('is found among other cookies, and an empty one is none', () => {
    expect(sessionIdOf(`lang=fr; ${SESSION_COOKIE}=s1d; other=x`)).toBe('s1d');
    expect(sessionIdOf(`${SESSION_COOKIE}=`)).toBeUndefined();
    expect(sessionIdOf('lang=fr')).toBeUndefined();
    expect(sessionIdOf(undefined)).toBeUndefined();
  });
});
