import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, stopProcess, testBrokers, waitUntil } from '@stageplus/testing';

const root = join(__dirname, '../../../..');

/**
 * The bridge as `npm start` runs it (`node --import tsx apps/oncall-bridge/src/main.ts`), as a
 * real process that a test can SIGKILL and start again on the same group and Redis prefix.
 */
export class BridgeProcess {
  private child: ChildProcess | null = null;
  private readonly output: string[] = [];

  private constructor(private readonly port: number) {}

  static async start(env: Record<string, string>): Promise<BridgeProcess> {
    const bridge = new BridgeProcess(await freePort());
    const { kafkaBrokers, redisUrl } = testBrokers();
    bridge.child = spawn(process.execPath, ['--import', 'tsx', 'apps/oncall-bridge/src/main.ts'], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', KAFKA_BROKERS: kafkaBrokers.join(','), REDIS_URL: redisUrl, LOG_LEVEL: 'warn', ...env, PORT: String(bridge.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [bridge.child.stdout, bridge.child.stderr]) stream?.on('data', (b: Buffer) => bridge.output.push(b.toString()));
    await waitUntil(async () => {
      if (bridge.child?.exitCode !== null) throw new Error(`the bridge exited (${bridge.child?.exitCode}): ${bridge.logs()}`);
      return (await fetch(`http://127.0.0.1:${bridge.port}/health/ready`).catch(() => null))?.status === 200 ? true : undefined;
    }, 60_000, 'the bridge to be ready');
    return bridge;
  }

  /** SIGKILL: no drain, no goodbye, as a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child !== null) await stopProcess(this.child);
  }

  logs(): string {
    return this.output.join('').slice(-3_000);
  }
}
