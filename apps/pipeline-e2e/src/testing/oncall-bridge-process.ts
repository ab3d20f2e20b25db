import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { freePort, stopProcess, testBrokers, waitUntil } from '@stageplus/testing';
import type { Pipeline } from './pipeline';

const root = join(__dirname, '../../../..');

/**
 * An on-call webhook that refuses its first request with a 503 and takes every later one: the
 * bridge then has both a retry and a delivery to count.
 */
export class FlakyWebhook {
  requests = 0;
  private server: Server | null = null;
  url = '';

  async up(): Promise<this> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}/hook`;
    const server = createServer((request, response) => {
      request.resume().on('end', () => {
        this.requests++;
        response.writeHead(this.requests === 1 ? 503 : 202, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    this.server = server;
    return this;
  }

  async down(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    this.server = null;
  }
}

/**
 * The on-call bridge as `npm start` runs it with `BRIDGE_WEBHOOK_URL` set (`node --import tsx
 * apps/oncall-bridge/src/main.ts`), on the pipeline's SLA topics, its Redis keys under the
 * pipeline's prefix, with short retries.
 */
export class OncallBridgeProcess {
  private child: ChildProcess | null = null;
  private output = '';
  url = '';

  constructor(
    private readonly pipeline: Pipeline,
    private readonly webhookUrl: string,
  ) {}

  async start(): Promise<this> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const { kafkaBrokers, redisUrl } = testBrokers();
    this.child = spawn(process.execPath, ['--import', 'tsx', 'apps/oncall-bridge/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: 'tsconfig.base.json',
        BRIDGE_FORMAT: 'alertmanager',
        BRIDGE_WEBHOOK_URL: this.webhookUrl,
        BRIDGE_GROUP_ID: `${this.pipeline.id}-bridge`,
        BRIDGE_RETRY_BASE_MS: '20',
        BRIDGE_RETRY_MAX_MS: '200',
        KAFKA_BROKERS: kafkaBrokers.join(','),
        REDIS_URL: redisUrl,
        REDIS_PREFIX: `${this.pipeline.id}:bridge:`,
        TOPIC_SLA_ESCALATIONS: this.pipeline.topics.escalations,
        TOPIC_SLA_BREACHES: this.pipeline.topics.breaches,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (b: Buffer) => (this.output = (this.output + b.toString()).slice(-3_000));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    await waitUntil(
      async () => {
        if (this.child?.exitCode !== null) throw new Error(`the bridge exited (${this.child?.exitCode}):\n${this.output}`);
        return (await fetch(`${this.url}/health/ready`).then((r) => r.status === 200, () => false)) || undefined;
      },
      60_000,
      'the on-call bridge ready',
    );
    return this;
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcess(this.child);
    this.child = null;
  }
}
