import { ConfigError } from '@stageplus/config';
import { readBridgeConfig } from './bridge.config';

const AM = { BRIDGE_FORMAT: 'alertmanager', BRIDGE_WEBHOOK_URL: 'http://127.0.0.1:9093/api/v2/alerts' };

describe('the bridge configuration', () => {
  it('takes a format and a webhook URL, and defaults the rest', () => {
    const config = readBridgeConfig(AM);
    expect(config).toMatchObject({
      format: 'alertmanager',
      receiver: 'stageplus-sla',
      tenants: null,
      minLevel: 1,
      retry: { baseMs: 500, maxMs: 60_000 },
      groupId: 'sla-oncall-bridge',
      topics: { slaEscalations: 'sla.escalations', slaBreaches: 'sla.breaches' },
      redisPrefix: 'sla:bridge:',
      http: { host: '127.0.0.1', port: 3004 },
    });
    expect(config.dedupTtlMs).toBe(30 * 86_400_000);
  });

  it('reads the tenant filter as a list, and blank optional variables as unset', () => {
    expect(readBridgeConfig({ ...AM, BRIDGE_TENANTS: 'cisss-laval, chu-sainte-justine', BRIDGE_ROUTING_KEY: '' }).tenants).toEqual(['cisss-laval', 'chu-sainte-justine']);
  });

  it.each([
    [{ BRIDGE_FORMAT: 'opsgenie', BRIDGE_WEBHOOK_URL: 'http://x' }, 'BRIDGE_FORMAT'],
    [{ BRIDGE_FORMAT: 'alertmanager' }, 'BRIDGE_WEBHOOK_URL'],
    [{ ...AM, BRIDGE_WEBHOOK_URL: 'ftp://x' }, 'BRIDGE_WEBHOOK_URL'],
    [{ ...AM, BRIDGE_FORMAT: 'pagerduty' }, 'BRIDGE_ROUTING_KEY'],
    [{ ...AM, BRIDGE_ROUTING_KEY: 'abc' }, 'BRIDGE_ROUTING_KEY'],
    [{ ...AM, BRIDGE_MIN_LEVEL: '4' }, 'BRIDGE_MIN_LEVEL'],
    [{ ...AM, BRIDGE_RETRY_BASE_MS: '5000', BRIDGE_RETRY_MAX_MS: '1000' }, 'BRIDGE_RETRY_MAX_MS'],
    [{ ...AM, TOPIC_SLA_BREACHES: 'sla.escalations' }, 'TOPIC_SLA_BREACHES'],
    [{ ...AM, BRIDGE_TENANTS: ' , ' }, 'BRIDGE_TENANTS'],
  ])('refuses %j, naming %s', (env, variable) => {
    let error: unknown;
    try {
      readBridgeConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toContain(variable);
  });
});
