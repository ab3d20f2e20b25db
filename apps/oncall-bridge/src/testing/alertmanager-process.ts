import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, waitUntil } from '@stageplus/testing';

const root = join(__dirname, '../../../..');
export const ALERTMANAGER = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';

/** What `GET /api/v2/alerts` answers per alert (`gettableAlert`), the fields the suite reads. */
export interface GettableAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly updatedAt: string;
  readonly fingerprint: string;
  readonly status: { readonly state: string };
}

/** Installs Debian's Alertmanager when missing (root on a fresh machine, as CI runs), or says why it cannot. */
export function ensureAlertmanager(): void {
  execFileSync('bash', [join(root, 'tools/alertmanager/ensure-alertmanager.sh')], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
  if (!existsSync(ALERTMANAGER)) throw new Error(`${ALERTMANAGER} is missing: see tools/alertmanager/ensure-alertmanager.sh`);
}

/**
 * A private Prometheus Alertmanager (Debian's binary) on a free loopback port, clustering off,
 * state in a temporary directory, routing every alert to one webhook receiver with small group
 * waits so notifications follow within a second or two, and `resolve_timeout: 1m`.
 */
export class AlertmanagerProcess {
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'alertmanager-'));
  private readonly output: string[] = [];

  private constructor(readonly port: number) {}

  static async start(receiverUrl: string): Promise<AlertmanagerProcess> {
    const am = new AlertmanagerProcess(await freePort());
    writeFileSync(join(am.dir, 'alertmanager.yml'), configOf(receiverUrl));
    am.child = spawn(ALERTMANAGER, [
      `--config.file=${join(am.dir, 'alertmanager.yml')}`,
      `--storage.path=${join(am.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${am.port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [am.child.stdout, am.child.stderr]) stream?.on('data', (b: Buffer) => am.output.push(b.toString()));
    await waitUntil(async () => {
      if (am.child?.exitCode !== null) throw new Error(`Alertmanager exited: ${am.logs()}`);
      return (await fetch(`${am.url}/-/ready`).catch(() => null))?.status === 200 ? true : undefined;
    }, 30_000, 'Alertmanager to be ready');
    return am;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The alerts Alertmanager holds as firing now (resolved ones are not listed). */
  async alerts(): Promise<GettableAlert[]> {
    const response = await fetch(`${this.url}/api/v2/alerts`);
    if (response.status !== 200) throw new Error(`GET /api/v2/alerts: ${response.status} ${await response.text()}`);
    return (await response.json()) as GettableAlert[];
  }

  logs(): string {
    return this.output.join('').slice(-3_000);
  }

  async stop(): Promise<void> {
    if (this.child !== null) await stopProcess(this.child, 5_000);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function configOf(receiverUrl: string): string {
  return `global:
  resolve_timeout: 1m
route:
  receiver: hook
  group_by: [alertname, tenant, ticket, clock]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: hook
    webhook_configs:
      - url: ${receiverUrl}
        send_resolved: true
`;
}
