import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ServiceMetrics } from './service-metrics';
import { TimerMetrics } from './timer-metrics';

/**
 * The Docker path (Prometheus, Grafana) cannot run here: its files are checked instead. They
 * parse, they point at each other, and every metric the dashboard queries is one a service
 * exposes, so a renamed metric fails here rather than as an empty panel.
 */
const ROOT = join(__dirname, '../../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface ComposeService {
  readonly volumes?: string[];
  readonly ports?: string[];
}

/** Every sample name some service's registry exposes (histograms as their _bucket, _sum and _count). */
async function exposedNames(): Promise<Set<string>> {
  const metrics = new ServiceMetrics('any');
  new TimerMetrics(metrics, async () => ({ openTickets: new Map(), pendingThresholds: new Map(), pausedTickets: new Map() }), () => ({ total: 0, owned: new Map() }));
  const names = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
  }
  return names;
}

describe('Prometheus and Grafana for Docker users', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };

  it('scrapes the services on their ports: intake 3000, priority 3001, timer 3002, console 3003', () => {
    const config = parse(read('tools/observability/prometheus.yml')) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((s) => s.targets));
    expect(targets).toEqual(['intake:3000', 'priority:3001', 'timer:3002', 'console:3003']);
    for (const service of ['intake', 'priority', 'timer']) expect(compose.services[service]).toBeDefined();
  });

  it('mounts files that exist into the prometheus and grafana services', () => {
    for (const name of ['prometheus', 'grafana']) {
      const volumes = compose.services[name]?.volumes ?? [];
      expect(volumes.length).toBeGreaterThan(0);
      for (const volume of volumes) expect(existsSync(join(ROOT, volume.split(':')[0]))).toBe(true);
    }
    const datasource = parse(read('tools/observability/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { uid: string; url: string }[] };
    expect(datasource.datasources[0]).toMatchObject({ uid: 'prometheus', url: 'http://prometheus:9090' });
  });

  it('has a dashboard whose every query names metrics the services expose, on the provisioned data source', async () => {
    const dashboard = JSON.parse(read('tools/observability/grafana/sla-monitor.json')) as {
      uid: string;
      panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
    };
    const exposed = await exposedNames();
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid).toBe('prometheus');
      for (const { expr } of panel.targets) {
        for (const name of expr.match(/\b(?:sla|http|process|nodejs)_[a-z0-9_]+\b/g) ?? []) used.add(name);
      }
    }
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    const titles = dashboard.panels.map((p) => p.title).join(' | ');
    for (const expected of ['Events in', 'Events out', 'Consumer lag', 'Open tickets', 'Pending thresholds', 'fired by type and level', 'lateness p50 / p99', 'Dead letters', 'HTTP p99']) {
      expect(titles).toContain(expected);
    }
  });

  it('loads the alerting rules: prometheus.yml names the rules file, which the prometheus service mounts beside it', () => {
    const config = parse(read('tools/observability/prometheus.yml')) as { rule_files: string[] };
    const volumes = (compose.services.prometheus?.volumes ?? []).map((v) => v.split(':'));
    expect(config.rule_files).toEqual(['rules/sla-monitor.rules.yml']);
    // Relative to the config file: /etc/prometheus/rules in the container, tools/observability/rules here.
    expect(volumes).toContainEqual(['./tools/observability/prometheus.yml', '/etc/prometheus/prometheus.yml', 'ro']);
    expect(volumes).toContainEqual(['./tools/observability/rules', '/etc/prometheus/rules', 'ro']);
    for (const file of config.rule_files) expect(existsSync(join(ROOT, 'tools/observability', file))).toBe(true);
  });

  it('has alerting rules whose every metric is one a service exposes or a rule records, each alert with a severity and annotations in both languages', async () => {
    const rules = parse(read('tools/observability/rules/sla-monitor.rules.yml')) as {
      groups: { rules: { record?: string; alert?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
    };
    const all = rules.groups.flatMap((g) => g.rules);
    const recorded = new Set(all.flatMap((r) => (r.record ? [r.record] : [])));
    // The bridge's series are its own (apps/oncall-bridge), named in its delivery metrics.
    const bridge = [...read('apps/oncall-bridge/src/forward-alerts/delivery-metrics.ts').matchAll(/name: '([a-z_]+)'/g)].map((m) => m[1]);
    const exposed = new Set([...(await exposedNames()), ...bridge.flatMap((n) => [n, `${n}_bucket`, `${n}_sum`, `${n}_count`]), 'up', 'ALERTS']);
    const used = all.flatMap((r) => r.expr.match(/\b[a-z_]+:[a-z0-9_]+:[a-z0-9_]+\b|\b(?:sla|http|process|nodejs)_[a-z0-9_]+\b|\bup\b/g) ?? []);
    expect(used.filter((name) => !exposed.has(name) && !recorded.has(name))).toEqual([]);
    for (const alert of all.filter((r) => r.alert)) {
      expect(['critical', 'warning']).toContain(alert.labels?.severity);
      expect(Object.keys(alert.annotations ?? {}).sort()).toEqual(['description', 'summary', 'summary_fr']);
    }
  });
});
