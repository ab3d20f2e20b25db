import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { sleep, until } from './stats';

/** Ports benchmarks may take for their own Redis: never the shared 6379. */
export const PRIVATE_REDIS_PORTS = [6396, 6397, 6398, 6399] as const;

/**
 * A Redis of the benchmark's own, started as `npm start` starts the project's (no persistence,
 * `hz` 200), on a free port of {@link PRIVATE_REDIS_PORTS}: a bench may flush it, restart it and
 * let the timer set what it wants without touching the Redis other work shares. Stopped by port,
 * nothing else.
 */
export class PrivateRedis {
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    for (const port of PRIVATE_REDIS_PORTS) {
      if (await answers(port)) continue;
      const redis = new PrivateRedis(port);
      await redis.launch();
      return redis;
    }
    throw new Error(`no free port for a private Redis among ${PRIVATE_REDIS_PORTS.join(', ')}`);
  }

  /** A client of this Redis; the caller quits it. */
  client(): Redis {
    return new Redis(this.url, { maxRetriesPerRequest: 3, lazyConnect: false });
  }

  /** `INFO memory`'s `used_memory`: everything Redis allocated, keys and connections alike. */
  async usedMemory(): Promise<number> {
    const info = await this.info('memory');
    return Number(info.used_memory);
  }

  async info(section: string): Promise<Record<string, string>> {
    const redis = this.client();
    try {
      const text = await redis.info(section);
      return Object.fromEntries(
        text
          .split('\r\n')
          .filter((line) => line.includes(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
      );
    } finally {
      redis.disconnect();
    }
  }

  async dbsize(): Promise<number> {
    const redis = this.client();
    try {
      return await redis.dbsize();
    } finally {
      redis.disconnect();
    }
  }

  /** Everything gone, the process kept: clients stay connected. */
  async flushAll(): Promise<void> {
    const redis = this.client();
    try {
      await redis.flushall();
    } finally {
      redis.disconnect();
    }
  }

  /** Redis restarted without persistence: clients are disconnected, everything is gone. */
  async restartEmpty(): Promise<void> {
    this.shutdown();
    await this.launch();
  }

  async stop(): Promise<void> {
    this.shutdown();
  }

  private shutdown(): void {
    spawnSync('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave'], { encoding: 'utf8' });
    const pidFile = this.pidFile();
    if (existsSync(pidFile)) {
      try {
        unlinkSync(pidFile);
      } catch {
        // gone already
      }
    }
  }

  private async launch(): Promise<void> {
    const result = spawnSync(
      'redis-server',
      [
        '--port', String(this.port),
        '--bind', '127.0.0.1',
        '--save', '',
        '--appendonly', 'no',
        // As tools/redis/ensure-redis.sh starts the project's Redis: delayed jobs wake within ms.
        '--hz', '200',
        '--daemonize', 'yes',
        '--dir', tmpdir(),
        '--pidfile', this.pidFile(),
        '--logfile', join(tmpdir(), `bench-redis-${this.port}.log`),
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`redis-server on ${this.port} failed: ${result.stderr || result.stdout}`);
    await until(() => answers(this.port), 10_000, `private Redis on ${this.port}`);
    // A Redis that answers TCP may still be loading: PING tells.
    await until(async () => (await this.ping()) === 'PONG', 10_000, `private Redis on ${this.port} answering PING`);
    await sleep(10);
  }

  private pidFile(): string {
    return join(tmpdir(), `bench-redis-${this.port}.pid`);
  }

  private async ping(): Promise<string> {
    const redis = new Redis(this.url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    try {
      await redis.connect();
      return await redis.ping();
    } catch {
      return 'no';
    } finally {
      redis.disconnect();
    }
  }

  /** The pid of this Redis, for the logs. */
  pid(): number | null {
    try {
      return Number(readFileSync(this.pidFile(), 'utf8').trim());
    } catch {
      return null;
    }
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
