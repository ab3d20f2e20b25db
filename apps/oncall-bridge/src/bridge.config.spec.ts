import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@stageplus/config';
import { readBridgeConfig } from './bridge.config';

const AM = { BRIDGE_FORMAT: 'alertmanager', BRIDGE_WEBHOOK_URL: 'http://127.0.0.1:9094/hook' };

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    readBridgeConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('the configuration was accepted');
}

describe('the bridge configuration', () => {
  it('takes a format and a webhook URL as the one destination, and defaults the rest', () => {
    const config = readBridgeConfig(AM);
    expect(config).toMatchObject({
      destinations: [{ name: 'default', format: 'alertmanager', url: AM.BRIDGE_WEBHOOK_URL, receiver: 'stageplus-sla', route: { tenants: null, minLevel: 1 } }],
      bridgeFile: null,
      resendIntervalMs: 60_000,
      retry: { baseMs: 500, maxMs: 60_000 },
      groupId: 'sla-oncall-bridge',
      topics: { slaEscalations: 'sla.escalations', slaBreaches: 'sla.breaches' },
      redisPrefix: 'sla:bridge:',
      http: { host: '127.0.0.1', port: 3004 },
    });
    expect(config.dedupTtlMs).toBe(30 * 86_400_000);
  });

  it('reads the tenant filter as a list, and blank optional variables as unset', () => {
    const config = readBridgeConfig({ ...AM, BRIDGE_TENANTS: 'cisss-laval, chu-sainte-justine', BRIDGE_ROUTING_KEY: '', BRIDGE_FILE: '' });
    expect(config.destinations[0].route.tenants).toEqual(['cisss-laval', 'chu-sainte-justine']);
  });

  it('posts to Alertmanager API v2 at every URL of BRIDGE_WEBHOOK_URL: the members of an HA cluster', () => {
    const config = readBridgeConfig({ BRIDGE_FORMAT: 'alertmanager-api', BRIDGE_WEBHOOK_URL: 'http://am-1:9093/api/v2/alerts, http://am-2:9093/api/v2/alerts', BRIDGE_RESEND_INTERVAL_MS: '10000' });
    expect(config.destinations).toEqual([{ name: 'default', format: 'alertmanager-api', urls: ['http://am-1:9093/api/v2/alerts', 'http://am-2:9093/api/v2/alerts'], route: { tenants: null, minLevel: 1 } }]);
    expect(config.resendIntervalMs).toBe(10_000);
  });

  it.each([
    [{ BRIDGE_FORMAT: 'opsgenie', BRIDGE_WEBHOOK_URL: 'http://x' }, 'BRIDGE_FORMAT'],
    [{ BRIDGE_WEBHOOK_URL: 'http://x' }, 'BRIDGE_FORMAT'],
    [{ BRIDGE_FORMAT: 'alertmanager' }, 'BRIDGE_WEBHOOK_URL'],
    [{ ...AM, BRIDGE_WEBHOOK_URL: 'ftp://x' }, 'BRIDGE_WEBHOOK_URL'],
    [{ ...AM, BRIDGE_WEBHOOK_URL: 'http://a/hook,http://b/hook' }, 'BRIDGE_WEBHOOK_URL'],
    [{ ...AM, BRIDGE_FORMAT: 'pagerduty' }, 'BRIDGE_ROUTING_KEY'],
    [{ ...AM, BRIDGE_ROUTING_KEY: 'abc' }, 'BRIDGE_ROUTING_KEY'],
    [{ ...AM, BRIDGE_MIN_LEVEL: '4' }, 'BRIDGE_MIN_LEVEL'],
    [{ ...AM, BRIDGE_RESEND_INTERVAL_MS: '10' }, 'BRIDGE_RESEND_INTERVAL_MS'],
    [{ ...AM, BRIDGE_RETRY_BASE_MS: '5000', BRIDGE_RETRY_MAX_MS: '1000' }, 'BRIDGE_RETRY_MAX_MS'],
    [{ ...AM, TOPIC_SLA_BREACHES: 'sla.escalations' }, 'TOPIC_SLA_BREACHES'],
    [{ ...AM, BRIDGE_TENANTS: ' , ' }, 'BRIDGE_TENANTS'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(problemsOf(env).map((p) => p.variable)).toContain(variable);
  });
});

describe('the bridge file (BRIDGE_FILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-file-'));
  const file = (text: string) => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(path, text);
    return path;
  };

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('routes to several destinations at once, each with its own tenants, level and types', () => {
    const path = file(`
destinations:
  - name: ops-chus
    format: alertmanager-api
    url: [http://am-1:9093/api/v2/alerts, http://am-2:9093/api/v2/alerts]
    route: { tenants: [chu-sainte-justine] }
  - name: vendor-oncall
    format: pagerduty
    routingKey: R0UT1NG
    route: { minLevel: 3, types: [sla.breached] }
`);
    expect(readBridgeConfig({ BRIDGE_FILE: path }).destinations).toEqual([
      { name: 'ops-chus', format: 'alertmanager-api', urls: ['http://am-1:9093/api/v2/alerts', 'http://am-2:9093/api/v2/alerts'], route: { tenants: ['chu-sainte-justine'], minLevel: 1 } },
      { name: 'vendor-oncall', format: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue', routingKey: 'R0UT1NG', route: { tenants: null, minLevel: 3, types: ['sla.breached'] } },
    ]);
  });

  it.each([
    ['destinations: []', 'destinations: lists no destination'],
    ['destinations: [{name: a, format: opsgenie, url: "http://x"}]', 'destinations[0].format: must be alertmanager, alertmanager-api or pagerduty'],
    ['destinations: [{name: a, format: alertmanager, url: "ftp://x"}]', 'destinations[0].url: must be an http(s) URL'],
    ['destinations: [{name: a, format: pagerduty}]', 'destinations[0].routingKey'],
    ['destinations: [{name: a, format: alertmanager-api, url: "http://x", route: {minLevel: 5}}]', 'destinations[0].route.minLevel'],
    ['destinations: [{name: a, format: alertmanager-api, url: "http://x", colour: red}]', 'colour'],
    ['destinations: [{name: a, format: alertmanager, url: "http://x"}, {name: a, format: alertmanager, url: "http://y"}]', 'destinations[1].name: repeats "a"'],
    ['destinations: [{name: a', 'cannot be read as YAML'],
  ])('stops the bridge on %s, naming the field', (text, expected) => {
    const problems = problemsOf({ BRIDGE_FILE: file(text) });
    expect(problems.map((p) => p.variable)).toContain('BRIDGE_FILE');
    expect(problems.map((p) => p.message).join('\n')).toContain(expected);
  });

  it('refuses the single-destination variables beside it: they would be silently ignored', () => {
    const path = file('destinations: [{name: a, format: alertmanager, url: "http://x"}]');
    expect(problemsOf({ BRIDGE_FILE: path, ...AM, BRIDGE_MIN_LEVEL: '2' }).map((p) => p.variable)).toEqual(['BRIDGE_FORMAT', 'BRIDGE_WEBHOOK_URL', 'BRIDGE_MIN_LEVEL']);
  });

  it('names a file that cannot be read', () => {
    expect(problemsOf({ BRIDGE_FILE: join(dir, 'missing.yaml') })[0].variable).toBe('BRIDGE_FILE');
  });
});
