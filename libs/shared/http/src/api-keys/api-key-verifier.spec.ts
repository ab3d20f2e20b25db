import { ProblemException } from '../problems/problem';
import { developmentApiKey, hashApiKey } from './api-key-list';
import { ApiKeyVerifier, mayActFor, refusedTenants } from './api-key-verifier';

const verifier = new ApiKeyVerifier([
  { id: 'ticketing-chus', sha256: hashApiKey('chus-key'), tenants: ['chu-sainte-justine'] },
  { id: 'ticketing-muhc', sha256: hashApiKey('muhc-key'), tenants: ['cusm', 'cusm-lachine'] },
]);

const refusal = (authorization: string | undefined) => {
  try {
    verifier.authenticate(authorization);
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.getStatus(), headers: error.headers, detail: error.problem.detail };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('authenticating an API key', () => {
  it('yields the principal of a known bearer key, whatever the scheme case', () => {
    expect(verifier.authenticate('Bearer muhc-key')).toEqual({ id: 'ticketing-muhc', tenants: ['cusm', 'cusm-lachine'] });
    expect(verifier.authenticate('bearer chus-key').id).toBe('ticketing-chus');
  });

  it('answers a missing key with 401 and a bare Bearer challenge', () => {
    expect(refusal(undefined)).toMatchObject({ status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  });

  it('answers an unknown or malformed key with 401 invalid_token, never echoing it', () => {
    for (const header of ['Bearer nope-key', 'Basic Y2h1cy1rZXk=', 'Bearer', 'Bearer two words']) {
      const answer = refusal(header);
      expect(answer).toMatchObject({ status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
      expect(answer.detail).not.toContain('nope-key');
    }
  });
});

describe('tenant authorization', () => {
  const chus = verifier.authenticate('Bearer chus-key');

  it('allows a key only for its tenants', () => {
    expect(mayActFor(chus, 'chu-sainte-justine')).toBe(true);
    expect(mayActFor(chus, 'cusm')).toBe(false);
  });

  it('names each refused tenant once, in order', () => {
    expect(refusedTenants(chus, ['cusm', 'chu-sainte-justine', 'cusm', 'chum'])).toEqual(['cusm', 'chum']);
  });

  it('allows the development key for every tenant', () => {
    const dev = new ApiKeyVerifier([developmentApiKey('dev-key')]).authenticate('Bearer dev-key');
    expect(refusedTenants(dev, ['cusm', 'chum'])).toEqual([]);
  });
});
