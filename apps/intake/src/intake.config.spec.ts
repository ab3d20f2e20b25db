import { ConfigError } from '@stageplus/config';
import { developmentApiKey, hashApiKey } from '@stageplus/http';
import { readIntakeConfig } from './intake.config';

const API_KEYS = JSON.stringify([{ id: 'ticketing-chus', sha256: hashApiKey('chus-key'), tenants: ['chu-sainte-justine'] }]);

const problemsOf = (env: Record<string, string>) => {
  try {
    readIntakeConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
};

describe('the intake configuration', () => {
  it('defaults to loopback, port 3000, the local broker, tickets.events, sla.policy, 1mb and 5 s', () => {
    expect(readIntakeConfig({ API_KEYS })).toEqual({
      http: { host: '127.0.0.1', port: 3000 },
      log: { level: 'info', format: 'json' },
      cpuNice: 0,
      kafkaBrokers: ['127.0.0.1:9092'],
      ticketEventsTopic: 'tickets.events',
      policyTopics: { policy: 'sla.policy', status: 'sla.policy.status' },
      apiKeys: [{ id: 'ticketing-chus', hashes: [{ sha256: hashApiKey('chus-key'), expiresAt: null }], tenants: ['chu-sainte-justine'], scopes: ['read', 'write'] }],
      apiAccess: { perKey: { perSecond: 100, burst: 200 }, perAddress: { perSecond: 1, burst: 20 }, expiryWarningMs: 14 * 86_400_000 },
      tenantEvents: { standard: { perSecond: 1_000, burst: 10_000 }, overrides: new Map() },
      bodyLimit: '1mb',
      publishTimeoutMs: 5_000,
    });
  });

  it('follows the policy topics it is given, as priority, timer and console do', () => {
    expect(readIntakeConfig({ API_KEYS, TOPIC_SLA_POLICY: 'p', TOPIC_SLA_POLICY_STATUS: 'ps' }).policyTopics).toEqual({ policy: 'p', status: 'ps' });
    expect(problemsOf({ API_KEYS, TOPIC_SLA_POLICY: 'a b' })).toEqual(['TOPIC_SLA_POLICY']);
  });

  it('refuses to start without API_KEYS, naming it', () => {
    expect(() => readIntakeConfig({})).toThrow(ConfigError);
    expect(() => readIntakeConfig({})).toThrow(/API_KEYS: is required/);
  });

  it('stands the development key in for API_KEYS, for all tenants, keeping only its hash', () => {
    const config = readIntakeConfig({ INTAKE_DEV_API_KEY: 'dev-key-0123456789abcdef' });
    expect(config.apiKeys).toEqual([developmentApiKey('dev-key-0123456789abcdef')]);
    expect(config.apiKeys[0]).toMatchObject({ tenants: ['*'], scopes: ['read', 'write'] });
    expect(JSON.stringify(config)).not.toContain('dev-key-0123456789abcdef');
  });

  it('takes an empty API_KEYS or INTAKE_DEV_API_KEY as unset, as compose files pass them', () => {
    expect(readIntakeConfig({ API_KEYS: '', INTAKE_DEV_API_KEY: 'dev-key-0123456789abcdef' }).apiKeys.map((k) => k.id)).toEqual(['dev']);
    expect(readIntakeConfig({ API_KEYS, INTAKE_DEV_API_KEY: '' }).apiKeys.map((k) => k.id)).toEqual(['ticketing-chus']);
    expect(() => readIntakeConfig({ API_KEYS: ' ', INTAKE_DEV_API_KEY: '' })).toThrow(/API_KEYS: is required/);
  });

  it('holds each tenant to its events per second, with overrides by tenant, 0 lifting a limit', () => {
    const config = readIntakeConfig({
      API_KEYS,
      INTAKE_TENANT_EVENTS_PER_SECOND: '200',
      INTAKE_TENANT_EVENTS_BURST: '2000',
      INTAKE_TENANT_EVENT_LIMITS: 'chu-sainte-justine=5000/50000, backfill:2026=0,cusm=300',
    });
    expect(config.tenantEvents).toEqual({
      standard: { perSecond: 200, burst: 2_000 },
      overrides: new Map([
        ['chu-sainte-justine', { perSecond: 5_000, burst: 50_000 }],
        ['backfill:2026', null],
        ['cusm', { perSecond: 300, burst: 2_000 }],
      ]),
    });
    expect(readIntakeConfig({ API_KEYS, INTAKE_TENANT_EVENTS_PER_SECOND: '0', INTAKE_TENANT_EVENT_LIMITS: '' }).tenantEvents).toEqual({ standard: null, overrides: new Map() });
  });

  it('refuses a tenant quota that could never take a full batch, or an override it cannot read', () => {
    expect(problemsOf({ API_KEYS, INTAKE_TENANT_EVENTS_BURST: '999' })).toEqual(['INTAKE_TENANT_EVENTS_BURST']);
    expect(problemsOf({ API_KEYS, INTAKE_TENANT_EVENT_LIMITS: 'a=10/10' })).toEqual(['INTAKE_TENANT_EVENT_LIMITS[0]']);
    expect(problemsOf({ API_KEYS, INTAKE_TENANT_EVENT_LIMITS: 'a=10,b/c=4,d' })).toEqual(['INTAKE_TENANT_EVENT_LIMITS[1]', 'INTAKE_TENANT_EVENT_LIMITS[2]']);
    expect(problemsOf({ API_KEYS, INTAKE_TENANT_EVENTS_PER_SECOND: '-1' })).toEqual(['INTAKE_TENANT_EVENTS_PER_SECOND']);
  });

  it('takes a CPU priority as a nice value from 0 to 19, as every service does', () => {
    expect(readIntakeConfig({ API_KEYS, CPU_NICE: '10' }).cpuNice).toBe(10);
    expect(problemsOf({ API_KEYS, CPU_NICE: '20' })).toEqual(['CPU_NICE']);
    expect(problemsOf({ API_KEYS, CPU_NICE: '-5' })).toEqual(['CPU_NICE']);
    expect(problemsOf({ API_KEYS, CPU_NICE: 'low' })).toEqual(['CPU_NICE']);
  });

  it('names every bad variable at once', () => {
    expect(
      problemsOf({ API_KEYS: 'nope', INTAKE_BODY_LIMIT: 'huge', INTAKE_PUBLISH_TIMEOUT_MS: '0', INTAKE_DEV_API_KEY: 'short', TOPIC_TICKET_EVENTS: 'a b' }),
    ).toEqual(['TOPIC_TICKET_EVENTS', 'API_KEYS', 'INTAKE_DEV_API_KEY', 'INTAKE_BODY_LIMIT', 'INTAKE_PUBLISH_TIMEOUT_MS']);
  });
});
