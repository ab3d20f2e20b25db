import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { freePort, stopProcess } from '@stageplus/testing';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { serviceEnv, topicEnv, type BenchRun, type Service } from './bench-env';
import { sleep } from './stats';

export type { Service } from './bench-env';
export const SERVICES: readonly Service[] = ['intake', 'priority', 'timer'];

const root = join(__dirname, '../..');

function compiledEntry(service: Service): string {
  const entry = `dist/apps/${service}/main.js`;
  if (!existsSync(join(root, entry))) throw new Error(`BENCH_COMPILED=1: no ${entry}; run npm run build first`);
  return entry;
}

export interface BenchServicesOptions {
  /** Names this run's topics, groups, queue and key prefixes (with a random suffix). */
  readonly bench: string;
  readonly kafkaBrokers: readonly string[];
  readonly redisUrl: string;
  /** A policy YAML; the bundled STAGE+ policy when undefined. */
  readonly policyFile?: string;
  /** Tenants the run's API key may post for and read. */
  readonly tenants: readonly string[];
  /** Extra variables per service (e.g. `TIMER_CONCURRENCY`). */
  readonly env?: Partial<Record<Service, Record<string, string>>>;
  /** Copy the services' output to stderr, prefixed. */
  readonly verbose?: boolean;
  /** The services' `LOG_LEVEL`; `warn` by default, so that logging costs nothing measurable. */
  readonly logLevel?: string;
}

/**
 * The three services as processes, started as `npm start` starts them (`node --import tsx
 * apps/<service>/src/main.ts`), on topics, groups, a queue and Redis prefixes unique to the run,
 * so that a bench shares the broker with other work without reading or disturbing it.
 */
export class BenchServices {
  readonly id: string;
  readonly apiKey = randomBytes(24).toString('hex');
  readonly topics: { events: string; prioritized: string; escalations: string; breaches: string; timerState: string };
  readonly groups: { priority: string; timer: string };
  private readonly processes = new Map<Service, ChildProcess>();
  private readonly ports = new Map<Service, number>();
  private readonly output = new Map<Service, string[]>();
  private readonly listeners: ((service: Service, line: string) => void)[] = [];

  constructor(private readonly options: BenchServicesOptions) {
    this.id = `bench-${options.bench}-${randomBytes(4).toString('hex')}`;
    this.topics = {
      events: `${this.id}.events`,
      prioritized: `${this.id}.prioritized`,
      escalations: `${this.id}.escalations`,
      breaches: `${this.id}.breaches`,
      timerState: `${this.id}.timer-state`,
    };
    this.groups = { priority: `${this.id}-priority`, timer: `${this.id}-timer` };
  }

  /**
   * Creates the run's topics as `npm start` does before any service (`tools/dev/ensure-topics.ts`:
   * partitions and configs, the changelog compacted), then starts the three services and waits
   * for each one's `/health/ready`.
   */
  async start(timeoutMs = 120_000): Promise<void> {
    this.ensureTopics();
    for (const service of SERVICES) this.ports.set(service, await freePort());
    await Promise.all(SERVICES.map((s) => this.startService(s, timeoutMs)));
  }

  /** Starts (or restarts) one service on its port; resolves when it is ready, with the ms that took. */
  async startService(service: Service, timeoutMs = 120_000): Promise<number> {
    const started = Date.now();
    // BENCH_CPU_PROF_DIR=<dir>: each service writes a V8 CPU profile there when it stops (Node
    // refuses --cpu-prof in NODE_OPTIONS); open it in Chrome DevTools or speedscope.
    const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`, `--cpu-prof-name=${service}-${Date.now()}.cpuprofile`] : [];
    // BENCH_COMPILED=1: the bundles of `npm run build` (dist/apps/<service>/main.js), as `npm start` and the image run them.
    const entry = process.env.BENCH_COMPILED === '1' ? ['--enable-source-maps', compiledEntry(service)] : ['--import', 'tsx', `apps/${service}/src/main.ts`];
    // BENCH_NODE_FLAGS='--trace-gc …': more flags for every service's node (what NODE_OPTIONS refuses, or for the services only).
    const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...profile, ...flags, ...entry], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', ...serviceEnv(service, this.run(service)) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = this.output.get(service) ?? [];
    this.output.set(service, lines);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (lines.length > 300) lines.splice(0, lines.length - 300);
        if (this.options.verbose) process.stderr.write(`[${service}] ${line}\n`);
        for (const listener of this.listeners) listener(service, line);
      });
    }
    this.processes.set(service, child);
    await this.waitReady(service, timeoutMs);
    return Date.now() - started;
  }

  /** Calls back with every line a service prints (JSON logs at `LOG_LEVEL`). */
  onLine(listener: (service: Service, line: string) => void): void {
    this.listeners.push(listener);
  }

  /** SIGKILL: no drain, no goodbye, as a crash or an OOM kill. SIGSTOP / SIGCONT: frozen (a VM or GC pause), thawed. */
  async kill(service: Service, signal: 'SIGKILL' | 'SIGSTOP' | 'SIGCONT' = 'SIGKILL'): Promise<void> {
    const child = this.processes.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    if (signal !== 'SIGKILL') return void child.kill(signal);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** The pid of a service's process while it runs. */
  pid(service: Service): number | undefined {
    return this.processes.get(service)?.pid;
  }

  url(service: Service): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  /** Whether a service answers `/health/ready` with 200 right now. */
  async ready(service: Service): Promise<boolean> {
    try {
      const response = await fetch(`${this.url(service)}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }

  /** The timer's view of a ticket's clocks: the HTTP status, and the body when 200. */
  async readSla(tenantId: string, ticketId: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url('timer')}/v1/tenants/${tenantId}/tickets/${encodeURIComponent(ticketId)}/sla`, {
      headers: { authorization: `Bearer ${this.apiKey}` },
      signal: AbortSignal.timeout(5_000),
    });
    const body = response.status === 200 ? await response.json() : await response.text();
    return { status: response.status, body };
  }

  /** The last lines a service printed, for failure messages. */
  logs(service: Service, lines = 40): string {
    return (this.output.get(service) ?? []).slice(-lines).join('\n');
  }

  /** SIGTERM to each service, SIGKILL after 15 s. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((child) => stopProcess(child)));
  }

  /** Deletes the run's topics (and their dead-letter topics) from the shared broker. */
  async deleteTopics(): Promise<void> {
    const kafka = new Kafka({ clientId: `${this.id}-cleanup`, brokers: [...this.options.kafkaBrokers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${this.id}.`));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 15_000 });
      await admin.deleteGroups([this.groups.priority, this.groups.timer]).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }

  private run(service: Service): BenchRun {
    return { ...this.options, id: this.id, apiKey: this.apiKey, topics: this.topics, groups: this.groups, port: this.ports.get(service) ?? 0 };
  }

  private ensureTopics(): void {
    const script = 'tools/dev/ensure-topics.ts';
    if (!existsSync(join(root, script))) return; // older checkouts: the services create their topics
    const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', KAFKA_BROKERS: this.options.kafkaBrokers.join(','), ...topicEnv(this.topics) },
    });
    if (result.status !== 0) throw new Error(`${script} failed (${result.status ?? result.signal}): ${result.stderr}`);
  }

  private async waitReady(service: Service, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const child = this.processes.get(service);
    for (;;) {
      if (child?.exitCode !== null || child?.signalCode !== null) {
        throw new Error(`${service} exited (${child?.exitCode ?? child?.signalCode}):\n${this.logs(service)}`);
      }
      if (await this.ready(service)) return;
      if (Date.now() > deadline) throw new Error(`${service} not ready after ${timeoutMs} ms:\n${this.logs(service)}`);
      await sleep(50);
    }
  }
}
