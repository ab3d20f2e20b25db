import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from '@stageplus/testing';
import { Redis } from 'ioredis';

const run = promisify(execFile);
const script = join(__dirname, '../../../../tools/redis/cluster.sh');

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A node as `CLUSTER NODES` lists it. */
export interface ClusterNode {
  readonly port: number;
  readonly role: 'master' | 'replica';
  readonly failed: boolean;
  /** The slot ranges a master serves. */
  readonly slots: readonly (readonly [number, number])[];
}

/**
 * `tools/redis/cluster.sh`'s three masters and their replicas on six consecutive free loopback
 * ports (their cluster bus ports, 10000 above, free too), in a directory of the test's own: the
 * services reach it through {@link env}; stop() ends exactly what start() began.
 */
export class ClusterRedis {
  private readonly home = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
  private base: number | null = null;

  async start(): Promise<this> {
    for (;;) {
      const base = await freePorts(6);
      const bus = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => isFree(base + 10_000 + i)));
      if (!bus.every(Boolean)) continue;
      this.base = base;
      break;
    }
    await this.script('start');
    return this;
  }

  get ports(): number[] {
    return [0, 1, 2, 3, 4, 5].map((i) => (this.base ?? 0) + i);
  }

  /** What the services need to run on the cluster. */
  get env(): Record<string, string> {
    return { REDIS_CLUSTER_NODES: this.ports.map((p) => `127.0.0.1:${p}`).join(',') };
  }

  /** A client of one node (not cluster-aware): for CLUSTER, SCAN, CONFIG, FLUSHALL on that node. */
  node(port: number): Redis {
    return new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
  }

  /** `use` with a client of one node, disconnected after. */
  async onNode<T>(port: number, use: (node: Redis) => Promise<T>): Promise<T> {
    const node = this.node(port);
    try {
      return await use(node);
    } finally {
      node.disconnect();
    }
  }

  /** The cluster as the first node that answers (other than `skip`) sees it. */
  async nodes(skip: readonly number[] = []): Promise<ClusterNode[]> {
    for (const port of this.ports.filter((p) => !skip.includes(p))) {
      const client = this.node(port);
      try {
        const text = (await client.call('CLUSTER', 'NODES')) as string;
        return text.trim().split('\n').map(parseNode);
      } catch {
        // down: ask the next one
      } finally {
        client.disconnect();
      }
    }
    throw new Error('no node of the cluster answers');
  }

  /** The port of the live master serving `slot`. */
  async masterOf(slot: number, skip: readonly number[] = []): Promise<number | undefined> {
    return (await this.nodes(skip)).find((n) => n.role === 'master' && !n.failed && n.slots.some(([a, b]) => slot >= a && slot <= b))?.port;
  }

  /** kill -9 of the node on `port` (a crash). */
  kill(port: number): void {
    process.kill(Number(readFileSync(join(this.home, String(port), 'redis.pid'), 'utf8').trim()), 'SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.base !== null) await this.script('stop').catch(() => undefined);
    rmSync(this.home, { recursive: true, force: true });
  }

  private async script(command: string): Promise<string> {
    const env = { ...process.env, REDIS_CLUSTER_HOME: this.home, REDIS_CLUSTER_PORT_BASE: String(this.base) };
    const { stdout } = await run('bash', [script, command], { env, timeout: 90_000 });
    return stdout;
  }
}

function parseNode(line: string): ClusterNode {
  const [, address, flags, , , , , , ...slots] = line.split(' ');
  return {
    port: Number(address.split('@')[0].split(':')[1]),
    role: flags.includes('master') ? 'master' : 'replica',
    failed: flags.includes('fail'),
    slots: slots.filter((s) => /^\d/.test(s)).map((s) => {
      const [a, b = a] = s.split('-').map(Number);
      return [a, b] as const;
    }),
  };
}
