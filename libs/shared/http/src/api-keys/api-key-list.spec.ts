import { ConfigError, readConfig } from '@stageplus/config';
import { apiKeyList, developmentApiKey, hashApiKey } from './api-key-list';

const SHA = hashApiKey('s3cret-key-for-chus');
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

describe('the API_KEYS configuration', () => {
  it('reads keys stored as SHA-256, normalised to lowercase hex', () => {
    const keys = read(JSON.stringify([{ id: 'ticketing-chus', sha256: SHA.toUpperCase(), tenants: ['chu-sainte-justine'] }]));
    expect(keys).toEqual([{ id: 'ticketing-chus', sha256: SHA, tenants: ['chu-sainte-justine'] }]);
  });

  it('hashes a key as the hex SHA-256 of its UTF-8 bytes', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('refuses a value that is not JSON, naming API_KEYS without quoting the value', () => {
    const [problem] = problems('ticketing-chus:s3cret');
    expect(problem.variable).toBe('API_KEYS');
    expect(problem.message).not.toContain('s3cret');
  });

  it('refuses a plaintext key where the hash belongs', () => {
    expect(problems(JSON.stringify([{ id: 'a', sha256: 's3cret-key-for-chus', tenants: ['t'] }]))).toEqual([
      { variable: 'API_KEYS.0.sha256', message: expect.stringMatching(/SHA-256.*never the key itself/) },
    ]);
  });

  it('refuses the all-tenants wildcard, unknown fields, no tenants and an empty list', () => {
    expect(problems(JSON.stringify([{ id: 'a', sha256: SHA, tenants: ['*'] }])).map((p) => p.variable)).toEqual(['API_KEYS.0.tenants.0']);
    expect(problems(JSON.stringify([{ id: 'a', sha256: SHA, tenants: ['t'], key: 'x' }])).map((p) => p.variable)).toEqual(['API_KEYS.0']);
    expect(problems(JSON.stringify([{ id: 'a', sha256: SHA, tenants: [] }])).map((p) => p.variable)).toEqual(['API_KEYS.0.tenants']);
    expect(problems('[]').map((p) => p.variable)).toEqual(['API_KEYS']);
  });

  it('refuses two keys with the same id or the same hash', () => {
    const keys = [
      { id: 'a', sha256: SHA, tenants: ['t'] },
      { id: 'a', sha256: SHA, tenants: ['u'] },
    ];
    expect(problems(JSON.stringify(keys)).map((p) => p.variable)).toEqual(['API_KEYS.1.id', 'API_KEYS.1.sha256']);
  });

  it('gives the development key every tenant', () => {
    expect(developmentApiKey('dev-key-0123456789')).toEqual({ id: 'dev', sha256: hashApiKey('dev-key-0123456789'), tenants: ['*'] });
  });
});
