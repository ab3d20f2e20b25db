import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, waitUntil } from '@stageplus/testing';

const root = join(__dirname, '../../../..');

/** The alerting rules the Docker Prometheus loads (tools/observability/prometheus.yml). */
export const SLA_RULES_FILE = join(root, 'tools/observability/rules/sla-monitor.rules.yml');

/** A Prometheus job: its name and the base URL of the one service it scrapes (`http://127.0.0.1:<port>`). */
export interface ScrapeJob {
  readonly job: string;
  readonly url: string;
}

export interface PromTarget {
  readonly labels: Record<string, string>;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}

export interface PromRule {
  readonly name: string;
  readonly type: 'alerting' | 'recording';
  readonly health: 'ok' | 'err' | 'unknown';
  readonly lastError?: string;
  readonly state?: 'inactive' | 'pending' | 'firing';
}

export interface PromRuleGroup {
  readonly name: string;
  readonly file: string;
  readonly rules: PromRule[];
  readonly lastEvaluation: string;
}

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/**
 * Installs Debian's prometheus when missing (tools/observability/ensure-prometheus.sh, as CI
 * does); fails with the script's words when it cannot (not root, no apt-get).
 */
export function ensurePrometheus(): void {
  const result = spawnSync('bash', [join(root, 'tools/observability/ensure-prometheus.sh')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`prometheus is not installed and could not be: ${result.stderr}`);
}

/**
 * A Prometheus of the test's own: a free loopback port, its TSDB in a temporary directory, every
 * job scraped and every rule evaluated each second, so that a test sees a rule's first evaluation
 * within a few seconds. Stopped by its pid.
 */
export class PrivatePrometheus {
  private child: ChildProcess | null = null;
  private readonly home = mkdtempSync(join(tmpdir(), 'prometheus-'));
  private output = '';
  url = '';

  constructor(private readonly ruleFiles: readonly string[]) {}

  async start(jobs: readonly ScrapeJob[]): Promise<this> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const config = join(this.home, 'prometheus.yml');
    writeFileSync(config, JSON.stringify(configOf(jobs, this.ruleFiles), null, 2)); // JSON is YAML
    this.child = spawn(
      'prometheus',
      [`--config.file=${config}`, `--storage.tsdb.path=${join(this.home, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (b: Buffer) => (this.output = (this.output + b.toString()).slice(-4_000));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    await waitUntil(
      async () => {
        if (this.child?.exitCode !== null) throw new Error(`prometheus exited (${this.child?.exitCode}):\n${this.output}`);
        return (await fetch(`${this.url}/-/ready`).then((r) => r.ok, () => false)) || undefined;
      },
      20_000,
      'prometheus ready',
    );
    return this;
  }

  async targets(): Promise<PromTarget[]> {
    return (await this.api<{ activeTargets: PromTarget[] }>('/api/v1/targets')).activeTargets;
  }

  async ruleGroups(): Promise<PromRuleGroup[]> {
    return (await this.api<{ groups: PromRuleGroup[] }>('/api/v1/rules')).groups;
  }

  /** An instant query's vector. */
  async query(expr: string): Promise<PromSample[]> {
    return (await this.api<{ result: PromSample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result;
  }

  /** What Prometheus printed last, for failure messages. */
  logs(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcess(this.child, 5_000);
    this.child = null;
    rmSync(this.home, { recursive: true, force: true });
  }

  private async api<T>(path: string): Promise<T> {
    const answer = await fetch(`${this.url}${path}`);
    const body = (await answer.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`GET ${path}: ${answer.status} ${body.error ?? ''}`);
    return body.data;
  }
}

function configOf(jobs: readonly ScrapeJob[], ruleFiles: readonly string[]) {
  return {
    // A scrape must end within its interval: Prometheus refuses a timeout longer than it.
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: ruleFiles,
    scrape_configs: jobs.map(({ job, url }) => ({ job_name: job, static_configs: [{ targets: [new URL(url).host] }] })),
  };
}
