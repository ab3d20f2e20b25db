import { ConfigError, readConfig } from '@stageplus/config';
import { apiKeyList, developmentApiKey, hashApiKey } from './api-key-list';

const SHA = hashApiKey('s3cret-key-for-chus');
const OLD = hashApiKey('old-key-for-chus');
const read = (value: string) => readConfig('intake', { API_KEYS: apiKeyList }, { API_KEYS: value }).API_KEYS;
const problems = (value: string) => {
  try {
    read(value);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};
const variables = (keys: unknown) => problems(JSON.stringify(keys)).map((p) => p.variable);

describe('the API_KEYS configuration', () => {
  it('reads a key of the first format as one hash, never expiring, with both scopes', () => {
    const keys = read(JSON.stringify([{ id: 'ticketing-chus', sha256: SHA.toUpperCase(), tenants: ['chu-sainte-justine'] }]));
    expect(keys).toEqual([
      { id: 'ticketing-chus', hashes: [{ sha256: SHA, expiresAt: null }], tenants: ['chu-sainte-justine'], scopes: ['read', 'write'] },
    ]);
  });

  it('reads a rotation: several hashes, each with its own expiry, capped by the key expiry', () => {
    const [key] = read(
      JSON.stringify([
        {
          id: 'ticketing-chus',
          sha256s: [SHA, { sha256: OLD, expiresAt: '2026-12-15T00:00:00-05:00' }],
          tenants: ['chu-sainte-justine'],
          scopes: ['write'],
          expiresAt: '2027-06-01T00:00:00Z',
        },
      ]),
    );
    expect(key.hashes).toEqual([
      { sha256: SHA, expiresAt: Date.parse('2027-06-01T00:00:00Z') },
      { sha256: OLD, expiresAt: Date.parse('2026-12-15T05:00:00Z') },
    ]);
    expect(key.scopes).toEqual(['write']);
  });

  it('hashes a key as the hex SHA-256 of its UTF-8 bytes', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses a value that is not JSON, naming API_KEYS without quoting the value', () => {
    const [problem] = problems('ticketing-chus:s3cret');
    expect(problem.variable).toBe('API_KEYS');
    expect(problem.message).not.toContain('s3cret');
  });

  it('refuses a plaintext key where a hash belongs, naming the entry and never quoting it', () => {
    expect(problems(JSON.stringify([{ id: 'a', sha256: 's3cret-key-for-chus', tenants: ['t'] }]))).toEqual([
      { variable: 'API_KEYS[0].sha256', message: expect.stringMatching(/SHA-256.*never the key itself/) },
    ]);
    const rotation = problems(JSON.stringify([{ id: 'a', sha256s: [SHA, 's3cret-key-for-chus'], tenants: ['t'] }]));
    expect(rotation.map((p) => p.variable)).toEqual(['API_KEYS[0].sha256s[1]']);
    expect(JSON.stringify(rotation)).not.toContain('s3cret');
  });

  it('refuses an unknown scope, no scope, a date without offset, an impossible date and a key without hash', () => {
    expect(variables([{ id: 'a', sha256: SHA, tenants: ['t'], scopes: ['admin'] }])).toEqual(['API_KEYS[0].scopes[0]']);
    expect(variables([{ id: 'a', sha256: SHA, tenants: ['t'], scopes: [] }])).toEqual(['API_KEYS[0].scopes']);
    expect(variables([{ id: 'a', sha256: SHA, tenants: ['t'], expiresAt: '2027-01-01T00:00:00' }])).toEqual(['API_KEYS[0].expiresAt']);
    expect(variables([{ id: 'a', sha256s: [{ sha256: SHA, expiresAt: '2027-02-30T00:00:00Z' }], tenants: ['t'] }])).toEqual([
      'API_KEYS[0].sha256s[0].expiresAt',
    ]);
    expect(variables([{ id: 'a', tenants: ['t'] }])).toEqual(['API_KEYS[0].sha256']);
  });

  it('refuses the all-tenants wildcard, unknown fields, no tenants and an empty list', () => {
    expect(variables([{ id: 'a', sha256: SHA, tenants: ['*'] }])).toEqual(['API_KEYS[0].tenants[0]']);
    expect(variables([{ id: 'a', sha256: SHA, tenants: ['t'], key: 'x' }])).toEqual(['API_KEYS[0]']);
    expect(variables([{ id: 'a', sha256: SHA, tenants: [] }])).toEqual(['API_KEYS[0].tenants']);
    expect(problems('[]').map((p) => p.variable)).toEqual(['API_KEYS']);
  });

  it('refuses two keys with the same id, or a hash used twice', () => {
    expect(variables([{ id: 'a', sha256: SHA, tenants: ['t'] }, { id: 'a', sha256: SHA, tenants: ['u'] }])).toEqual(['API_KEYS[1].id', 'API_KEYS[1].sha256']);
    expect(variables([{ id: 'a', sha256: SHA, sha256s: [SHA], tenants: ['t'] }])).toEqual(['API_KEYS[0].sha256']);
  });

  it('gives the development key every tenant and both scopes', () => {
    expect(developmentApiKey('dev-key-0123456789')).toEqual({
      id: 'dev',
      hashes: [{ sha256: hashApiKey('dev-key-0123456789'), expiresAt: null }],
      tenants: ['*'],
      scopes: ['read', 'write'],
    });
  });
});
