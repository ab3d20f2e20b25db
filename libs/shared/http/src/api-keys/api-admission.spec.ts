import { Logger } from '@nestjs/common';
import { readConfig } from '@stageplus/config';
import { ProblemException } from '../problems/problem';
import { apiAccessOptions, apiAccessVariables } from './api-access.config';
import { ApiAdmission, type ApiAccessOptions } from './api-admission';
import { hashApiKey, type ApiKey } from './api-key-list';
import { ApiKeyVerifier } from './api-key-verifier';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-29T12:00:00Z');
const KEYS: ApiKey[] = [
  { id: 'writer', hashes: [{ sha256: hashApiKey('writer-key'), expiresAt: T0 + 10 * DAY }], tenants: ['t'], scopes: ['write'] },
  { id: 'reader', hashes: [{ sha256: hashApiKey('reader-key'), expiresAt: null }], tenants: ['t'], scopes: ['read'] },
];
const OPTIONS: ApiAccessOptions = { perKey: { perSecond: 1, burst: 2 }, perAddress: { perSecond: 1, burst: 2 }, expiryWarningMs: 14 * DAY };

function admission(options = OPTIONS) {
  const clock = { now: T0 };
  return { clock, gate: new ApiAdmission(new ApiKeyVerifier(KEYS), options, () => clock.now) };
}

const refusal = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.getStatus(), headers: error.headers, problem: error.problem };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('admitting a request', () => {
  afterEach(() => jest.restoreAllMocks());

  it('admits a key for its scope, with RateLimit headers', () => {
    const { gate } = admission();
    expect(gate.admit('Bearer writer-key', '10.0.0.1', 'write')).toEqual({
      principal: expect.objectContaining({ id: 'writer' }),
      headers: { 'RateLimit-Limit': '2', 'RateLimit-Remaining': '1', 'RateLimit-Reset': '1' },
    });
  });

  it('refuses a key without the scope with 403 AUTH.SCOPE_MISSING naming the scope', () => {
    const { gate } = admission();
    const answer = refusal(() => gate.admit('Bearer reader-key', '10.0.0.1', 'write'));
    expect(answer).toMatchObject({ status: 403, problem: { code: 'AUTH.SCOPE_MISSING', detail: expect.stringContaining('"write"') } });
    expect(answer.headers['WWW-Authenticate']).toBe('Bearer error="insufficient_scope", scope="write"');
  });

  it('answers a key over its rate with 429 and a whole Retry-After, then admits it once the token is back', () => {
    const { gate, clock } = admission();
    gate.admit('Bearer writer-key', 'a', 'write');
    gate.admit('Bearer writer-key', 'b', 'write');
    clock.now += 200;
    const answer = refusal(() => gate.admit('Bearer writer-key', 'c', 'write'));
    expect(answer).toMatchObject({ status: 429, problem: { code: 'RATE_LIMIT.EXCEEDED', type: 'urn:stageplus:problem:rate-limited' } });
    expect(answer.headers).toMatchObject({ 'Retry-After': '1', 'RateLimit-Remaining': '0' });
    expect(gate.admit('Bearer reader-key', 'c', 'read').principal.id).toBe('reader');
    clock.now += 800;
    expect(gate.admit('Bearer writer-key', 'c', 'write').principal.id).toBe('writer');
  });

  it('limits requests without a valid key per address, and never a valid key for its address', () => {
    const { gate } = admission();
    expect(refusal(() => gate.admit('Bearer bad', '10.0.0.9', 'read')).status).toBe(401);
    expect(refusal(() => gate.admit(undefined, '10.0.0.9', 'read')).status).toBe(401);
    expect(refusal(() => gate.admit('Bearer bad', '10.0.0.9', 'read'))).toMatchObject({ status: 429, headers: { 'Retry-After': '1' } });
    expect(refusal(() => gate.admit('Bearer bad', '10.0.0.8', 'read')).status).toBe(401);
    expect(gate.admit('Bearer reader-key', '10.0.0.9', 'read').principal.id).toBe('reader');
  });

  it('warns of a key near its expiry at most once an hour', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { gate, clock } = admission({ ...OPTIONS, perKey: null });
    gate.admit('Bearer writer-key', 'a', 'write');
    gate.admit('Bearer writer-key', 'a', 'write');
    clock.now += 3_600_000;
    gate.admit('Bearer writer-key', 'a', 'write');
    gate.admit('Bearer reader-key', 'a', 'read');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]).toEqual([{ keyId: 'writer', expiresAt: '2026-12-09T12:00:00.000Z' }, expect.stringContaining('expires in 10 day(s)')]);
  });
});

describe('the rate-limit variables', () => {
  const read = (env: Record<string, string>) => apiAccessOptions(readConfig('intake', apiAccessVariables, env));

  it('default to 100 requests/s per key (burst 200), 1/s per address without a key (burst 20), warnings 14 days ahead', () => {
    expect(read({})).toEqual({ perKey: { perSecond: 100, burst: 200 }, perAddress: { perSecond: 1, burst: 20 }, expiryWarningMs: 14 * DAY });
  });

  it('turn a limit off with 0 and refuse what is not a rate', () => {
    expect(read({ API_RATE_LIMIT_PER_SECOND: '0', API_RATE_LIMIT_UNAUTHENTICATED_PER_SECOND: '0' })).toMatchObject({ perKey: null, perAddress: null });
    expect(() => read({ API_RATE_LIMIT_PER_SECOND: 'fast', API_RATE_LIMIT_BURST: '0' })).toThrow(/API_RATE_LIMIT_PER_SECOND[\s\S]*API_RATE_LIMIT_BURST/);
  });
});
