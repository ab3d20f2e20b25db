import { ProblemException } from '../problems/problem';
import { developmentApiKey, hashApiKey, type ApiKey } from './api-key-list';
import { ApiKeyVerifier, mayActFor, refusedTenants } from './api-key-verifier';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const key = (id: string, secrets: readonly [string, number | null][], tenants: string[], scopes: ApiKey['scopes'] = ['read', 'write']): ApiKey => ({
  id,
  hashes: secrets.map(([secret, expiresAt]) => ({ sha256: hashApiKey(secret), expiresAt })),
  tenants,
  scopes,
});

const verifier = new ApiKeyVerifier([
  key('ticketing-chus', [['chus-key', null]], ['chu-sainte-justine'], ['write']),
  key('ticketing-muhc', [['muhc-new', null], ['muhc-old', NOW + 60_000]], ['cusm', 'cusm-lachine']),
  key('retired', [['retired-key', NOW]], ['cusm']),
]);

const refusal = (authorization: string | undefined, now = NOW) => {
  try {
    verifier.authenticate(authorization, now);
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.getStatus(), headers: error.headers, problem: error.problem };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('authenticating an API key', () => {
  it('yields the principal of a known bearer key, with its scopes, whatever the scheme case', () => {
    expect(verifier.authenticate('Bearer chus-key', NOW)).toEqual({ id: 'ticketing-chus', tenants: ['chu-sainte-justine'], scopes: ['write'], expiresAt: null });
    expect(verifier.authenticate('bearer chus-key', NOW).id).toBe('ticketing-chus');
  });

  it('accepts both the new and the old key of a rotation, under one id', () => {
    expect(verifier.authenticate('Bearer muhc-new', NOW)).toMatchObject({ id: 'ticketing-muhc', expiresAt: null });
    expect(verifier.authenticate('Bearer muhc-old', NOW)).toMatchObject({ id: 'ticketing-muhc', expiresAt: NOW + 60_000 });
  });

  it('refuses a key from its expiry on with 401 AUTH.KEY_EXPIRED, telling neither its id nor its date', () => {
    expect(verifier.authenticate('Bearer muhc-old', NOW + 59_999).id).toBe('ticketing-muhc');
    for (const [header, now] of [['Bearer muhc-old', NOW + 60_000], ['Bearer retired-key', NOW]] as const) {
      const answer = refusal(header, now);
      expect(answer).toMatchObject({ status: 401, problem: { code: 'AUTH.KEY_EXPIRED', type: 'urn:stageplus:problem:key-expired' } });
      expect(answer.headers['WWW-Authenticate']).toMatch(/^Bearer error="invalid_token"/);
      expect(JSON.stringify(answer.problem)).not.toMatch(/muhc|retired|2026/);
    }
    expect(verifier.authenticate('Bearer muhc-new', NOW + 86_400_000).id).toBe('ticketing-muhc');
  });

  it('answers a missing key with 401 and a bare Bearer challenge', () => {
    expect(refusal(undefined)).toMatchObject({ status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  });

  it('answers an unknown or malformed key with 401 invalid_token, never echoing it', () => {
    for (const header of ['Bearer nope-key', 'Basic Y2h1cy1rZXk=', 'Bearer', 'Bearer two words']) {
      const answer = refusal(header);
      expect(answer).toMatchObject({ status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
      expect(answer.problem.detail).not.toContain('nope-key');
    }
  });
});

describe('tenant authorization', () => {
  const chus = verifier.authenticate('Bearer chus-key', NOW);

  it('allows a key only for its tenants', () => {
    expect(mayActFor(chus, 'chu-sainte-justine')).toBe(true);
    expect(mayActFor(chus, 'cusm')).toBe(false);
  });

  it('names each refused tenant once, in order', () => {
    expect(refusedTenants(chus, ['cusm', 'chu-sainte-justine', 'cusm', 'chum'])).toEqual(['cusm', 'chum']);
  });

  it('allows the development key for every tenant and scope, without expiry', () => {
    const dev = new ApiKeyVerifier([developmentApiKey('dev-key')]).authenticate('Bearer dev-key', NOW);
    expect(refusedTenants(dev, ['cusm', 'chum'])).toEqual([]);
    expect(dev).toMatchObject({ scopes: ['read', 'write'], expiresAt: null });
  });
});
