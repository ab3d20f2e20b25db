import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { TicketEvent } from '@stageplus/contracts';
import { freePort, freePorts, stopProcess, uniqueName, waitUntil } from '@stageplus/testing';
import { connectionEnv, serviceEnv, topicEnv, type SystemService } from './service-env';

const root = join(__dirname, '../../../..');

export const RELEASE_SERVICES = ['intake', 'priority', 'timer', 'console', 'oncall-bridge'] as const satisfies readonly SystemService[];
export type ReleaseService = (typeof RELEASE_SERVICES)[number];

/** Output of a child process, kept for failure messages. */
function capture(child: ChildProcess): () => string {
  let text = '';
  const keep = (b: Buffer) => (text = (text + b.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/** `npm run release -- --out DIR`, as the image's build stage runs it; resolves with its output. */
export function buildRelease(dir: string): Promise<string> {
  const child = spawn('npm', ['run', 'release', '--', '--out', dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = capture(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(output()) : reject(new Error(`npm run release exited ${code}:\n${output()}`))));
  });
}

/** An on-call webhook (Alertmanager's webhook format): it takes every POST and keeps its body. */
export class RecordingWebhook {
  readonly bodies: string[] = [];
  url = '';
  private server: Server | null = null;

  async up(): Promise<this> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}/hook`;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        this.bodies.push(body);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
    this.server = server;
    return this;
  }

  async down(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

/**
 * The five services run from a release directory with plain `node --enable-source-maps
 * dist/apps/<service>/main.js`, as the image runs them: its cwd is the release, outside the
 * workspace, so nothing resolves from the workspace's node_modules. Topics, groups, queue and
 * Redis prefixes are unique to the run.
 */
export class ReleaseSystem {
  readonly id = uniqueName('release');
  readonly apiKey = `key-${this.id}-0123456789`;
  readonly topics = {
    events: `${this.id}.events`,
    prioritized: `${this.id}.prioritized`,
    escalations: `${this.id}.escalations`,
    breaches: `${this.id}.breaches`,
    outcomes: `${this.id}.outcomes`,
    timerState: `${this.id}.timer-state`,
  };
  private readonly children = new Map<ReleaseService, { child: ChildProcess; output: () => string }>();
  private readonly ports = new Map<ReleaseService, number>();

  constructor(
    private readonly releaseDir: string,
    private readonly policyFile: string,
    private readonly webhookUrl: string,
  ) {}

  /** The release's own ensure-topics bundle, as docker-compose's `topics` runs it. */
  async createTopics(): Promise<void> {
    const child = this.node('dist/tools/ensure-topics/main.js', { ...connectionEnv(), ...topicEnv(this) });
    const output = capture(child);
    const code = await new Promise((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`ensure-topics exited ${code}:\n${output()}`);
  }

  /** Starts every service; resolves with each one's ms from spawn to `/health/ready` 200. */
  async start(timeoutMs = 60_000): Promise<Record<ReleaseService, number>> {
    const base = await freePorts(RELEASE_SERVICES.length);
    RELEASE_SERVICES.forEach((service, i) => this.ports.set(service, base + i));
    const started = Date.now();
    for (const service of RELEASE_SERVICES) {
      const child = this.node(`dist/apps/${service}/main.js`, { ...this.env(service), PORT: String(this.ports.get(service)) });
      this.children.set(service, { child, output: capture(child) });
    }
    const ready = await Promise.all(RELEASE_SERVICES.map(async (service) => [service, (await this.waitReady(service, timeoutMs)) - started] as const));
    return Object.fromEntries(ready) as Record<ReleaseService, number>;
  }

  url(service: ReleaseService): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  logs(service: ReleaseService): string {
    return this.children.get(service)?.output() ?? '';
  }

  async post(events: TicketEvent[]): Promise<Response> {
    return fetch(`${this.url('intake')}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify(events),
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.children.values()].map(({ child }) => stopProcess(child)));
  }

  private node(entry: string, env: Record<string, string>): ChildProcess {
    // No NODE_OPTIONS from the test runner (jest's or a developer's `--import tsx` would sneak in).
    const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
    return spawn(process.execPath, ['--enable-source-maps', entry], { cwd: this.releaseDir, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  private async waitReady(service: ReleaseService, timeoutMs: number): Promise<number> {
    const { child, output } = this.children.get(service) ?? {};
    return waitUntil(
      async () => {
        if (child?.exitCode !== null) throw new Error(`${service} exited (${child?.exitCode}):\n${output?.()}`);
        const status = await fetch(`${this.url(service)}/health/ready`).then((r) => r.status, () => 0);
        return status === 200 ? Date.now() : undefined;
      },
      timeoutMs,
      `${service} ready from the release:\n${output?.()}`,
    );
  }

  /** Each service's settings, named for this run. */
  private env(service: ReleaseService): Record<string, string> {
    return serviceEnv(service, {
      id: this.id,
      topics: this.topics,
      policyFile: this.policyFile,
      keys: [{ id: 'release', key: this.apiKey, tenants: ['tenant-a', 'tenant-b'] }],
      timerUrl: this.url('timer'),
      webhookUrl: this.webhookUrl,
    });
  }
}
