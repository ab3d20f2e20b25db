import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port';
import { Redis } from 'ioredis';

/**
 * A Redis of a test's own, on a free loopback port, for tests that flush or restart it: the
 * shared Redis is never flushed. Needs `redis-server` (Debian's package); stops with the test.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const client = new Redis(this.url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 1 });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await client.connect().catch(() => undefined);
        if ((await client.ping()) === 'PONG') break;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${this.port}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    client.disconnect();
    return this;
  }

  /** Stops it without saving: what a crash of a Redis without persistence loses, it loses. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
