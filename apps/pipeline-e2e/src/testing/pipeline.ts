import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { SlaNotification, TicketEvent } from '@stageplus/contracts';
import { testBrokers, TopicRecorder, uniqueName, type RecordedMessage } from '@stageplus/testing';

const root = join(__dirname, '../../../..');
type Service = 'intake' | 'priority' | 'timer';

/**
 * The three services as real processes (`tsx apps/<service>/src/main.ts`, as `npm start` runs
 * them) on unique topics, groups, queue and Redis prefixes, with the SLA topics recorded.
 */
export class Pipeline {
  readonly id = uniqueName('e2e');
  readonly apiKey = `key-${this.id}-0123456789`;
  readonly topics = {
    events: `${this.id}.events`,
    prioritized: `${this.id}.prioritized`,
    escalations: `${this.id}.escalations`,
    breaches: `${this.id}.breaches`,
  };
  recorder!: TopicRecorder;
  private readonly processes = new Map<Service, ChildProcess>();
  private readonly ports = new Map<Service, number>();
  private readonly output = new Map<Service, string[]>();

  constructor(private readonly policyFile: string) {}

  async start(): Promise<this> {
    for (const service of ['intake', 'priority', 'timer'] as const) this.ports.set(service, await freePort());
    await Promise.all((['intake', 'priority', 'timer'] as const).map((s) => this.startService(s)));
    this.recorder = await new TopicRecorder(testBrokers().kafkaBrokers, [this.topics.escalations, this.topics.breaches]).start();
    return this;
  }

  async startService(service: Service): Promise<void> {
    // `node --import tsx`, not the tsx CLI: the CLI SIGKILLs a child that takes over 30 ms to stop.
    const child = spawn(process.execPath, ['--import', 'tsx', `apps/${service}/src/main.ts`], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', ...this.env(service) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    this.output.set(service, lines);
    child.stdout?.on('data', (b: Buffer) => lines.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => lines.push(b.toString()));
    this.processes.set(service, child);
    await this.waitReady(service, 60_000);
  }

  /** SIGKILL: no drain, no goodbye. */
  async kill(service: Service): Promise<void> {
    const child = this.processes.get(service);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async post(events: TicketEvent | TicketEvent[], key = this.apiKey): Promise<Response> {
    return fetch(`${this.url('intake')}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(events),
    });
  }

  async postOk(events: TicketEvent | TicketEvent[]): Promise<void> {
    const response = await this.post(events);
    if (response.status !== 202) throw new Error(`POST /v1/events: ${response.status} ${await response.text()}`);
  }

  /** Waits until the timer's SLA API shows `count` scheduled thresholds for the ticket. */
  async waitForScheduled(tenantId: string, ticketId: string, count: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await fetch(`${this.url('timer')}/v1/tenants/${tenantId}/tickets/${ticketId}/sla`, {
        headers: { authorization: `Bearer ${this.apiKey}` },
      });
      if (response.status === 200 && ((await response.json()) as { scheduled: unknown[] }).scheduled.length === count) return;
      if (Date.now() > deadline) throw new Error(`${ticketId}: ${count} thresholds never scheduled`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  fired(ticketId?: string): RecordedMessage<SlaNotification>[] {
    return (this.recorder.messages as RecordedMessage<SlaNotification>[]).filter(
      (m) => ticketId === undefined || m.value.ticketId === ticketId,
    );
  }

  url(service: Service): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  /** The last lines a service printed, for failure messages. */
  logs(service: Service): string {
    return (this.output.get(service) ?? []).join('').slice(-3_000);
  }

  async stop(): Promise<void> {
    await this.recorder?.stop();
    await Promise.all(
      [...this.processes.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  private env(service: Service): Record<string, string> {
    const { kafkaBrokers, redisUrl } = testBrokers();
    const common = {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REDIS_URL: redisUrl,
      HOST: '127.0.0.1',
      PORT: String(this.ports.get(service)),
      LOG_LEVEL: 'warn',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    const keys = JSON.stringify([
      { id: 'e2e', sha256: createHash('sha256').update(this.apiKey).digest('hex'), tenants: ['tenant-a', 'tenant-b'] },
    ]);
    switch (service) {
      case 'intake':
        return { ...common, TOPIC_TICKET_EVENTS: this.topics.events, API_KEYS: keys };
      case 'priority':
        return {
          ...common,
          POLICY_FILE: this.policyFile,
          PRIORITY_GROUP_ID: `${this.id}-priority`,
          TOPIC_TICKET_EVENTS: this.topics.events,
          TOPIC_TICKETS_PRIORITIZED: this.topics.prioritized,
          REDIS_PREFIX: `${this.id}:priority:`,
        };
      case 'timer':
        return {
          ...common,
          POLICY_FILE: this.policyFile,
          TIMER_GROUP_ID: `${this.id}-timer`,
          KAFKA_SESSION_TIMEOUT_MS: '6000',
          TOPIC_TICKETS_PRIORITIZED: this.topics.prioritized,
          TOPIC_SLA_ESCALATIONS: this.topics.escalations,
          TOPIC_SLA_BREACHES: this.topics.breaches,
          REDIS_PREFIX: `${this.id}:timer:`,
          TIMER_QUEUE: this.id,
          API_KEYS: keys,
        };
    }
  }

  private async waitReady(service: Service, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const child = this.processes.get(service);
    for (;;) {
      if (child?.exitCode !== null) throw new Error(`${service} exited (${child?.exitCode}):\n${this.logs(service)}`);
      try {
        const response = await fetch(`${this.url(service)}/health/ready`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${service} not ready after ${timeoutMs} ms:\n${this.logs(service)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
