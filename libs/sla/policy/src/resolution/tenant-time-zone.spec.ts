import { loadDefaultPolicy } from '../default-policy';
import { tenantTimeZone } from './tenant-time-zone';

describe('tenantTimeZone', () => {
  it('given the STAGE+ policy, then every establishment reads Quebec time', () => {
    expect(tenantTimeZone(loadDefaultPolicy(), 'chu-sainte-justine')).toBe('America/Toronto');
  });

  it('given a tenant unknown to the registry, then the business calendar zone applies', () => {
    expect(tenantTimeZone(loadDefaultPolicy(), 'nobody')).toBe('America/Toronto');
  });
});
