import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@stageplus/testing';

const run = promisify(execFile);
const script = join(__dirname, '../../../../tools/redis/sentinel.sh');

/**
 * `tools/redis/sentinel.sh`'s primary, replica and three Sentinels on free loopback ports, in a
 * directory of the test's own: the services reach it through {@link env}; stop() ends exactly
 * what start() began.
 */
export class SentinelRedis {
  readonly name = 'sla-primary';
  private readonly home = mkdtempSync(join(tmpdir(), 'redis-sentinel-'));
  private ports: { primary: number; replica: number; sentinels: number[] } | null = null;

  async start(downAfterMs = 1_000): Promise<this> {
    const [primary, replica, ...sentinels] = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
    this.ports = { primary, replica, sentinels };
    await this.script('start', { REDIS_DOWN_AFTER_MS: String(downAfterMs) });
    return this;
  }

  /** What the services need to follow the primary through failovers. */
  get env(): Record<string, string> {
    return { REDIS_SENTINELS: this.sentinelList(), REDIS_SENTINEL_NAME: this.name };
  }

  /** `redis://127.0.0.1:<port>` of the server the Sentinels name as primary now. */
  async primaryUrl(): Promise<string> {
    const [host, port] = (await this.script('status')).trim().split(' ');
    return `redis://${host}:${port}`;
  }

  /** The replica as started (before any failover). */
  get replicaUrl(): string {
    return `redis://127.0.0.1:${this.ports?.replica}`;
  }

  /** kill -9 of the current primary; resolves with its port. */
  async killPrimary(): Promise<number> {
    return Number((await this.script('kill-primary')).trim());
  }

  async stop(): Promise<void> {
    if (this.ports) await this.script('stop').catch(() => undefined);
    rmSync(this.home, { recursive: true, force: true });
  }

  private sentinelList(): string {
    return (this.ports?.sentinels ?? []).map((p) => `127.0.0.1:${p}`).join(',');
  }

  private async script(command: string, extra: Record<string, string> = {}): Promise<string> {
    const ports = this.ports;
    if (ports === null) throw new Error('SentinelRedis: start() first');
    const env = {
      ...process.env,
      REDIS_SENTINEL_HOME: this.home,
      REDIS_PRIMARY_PORT: String(ports.primary),
      REDIS_REPLICA_PORT: String(ports.replica),
      REDIS_SENTINEL_PORTS: ports.sentinels.join(','),
      REDIS_SENTINEL_NAME: this.name,
      ...extra,
    };
    const { stdout } = await run('bash', [script, command], { env, timeout: 60_000 });
    return stdout;
  }
}
