import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SlaCleared, SlaNotification, SlaTicketOutcome, TicketEvent } from '@stageplus/contracts';
import { freePort, stopProcess, testBrokers, TopicRecorder, uniqueName, type RecordedMessage } from '@stageplus/testing';
import { serviceEnv } from './service-env';

const root = join(__dirname, '../../../..');
type Service = 'intake' | 'priority' | 'timer' | 'console';
/** A running process: a service, or a second instance of one (`timer#2`). */
type Instance = Service | `${Service}#${number}`;

/** Who may call the services: the tenants of the harness's own key, and more keys (hashed here). */
export interface PipelineAccess {
  readonly tenants?: readonly string[];
  readonly keys?: readonly { readonly id: string; readonly key: string; readonly tenants: readonly string[] }[];
  /** A development key for every tenant (`DEV_API_KEY`) on the timer and the console: a vendor's view. */
  readonly devKey?: string;
}

/**
 * The three services as real processes (`tsx apps/<service>/src/main.ts`, as `npm start` runs
 * them) on unique topics, groups, queue and Redis prefixes, with the SLA topics recorded; the
 * console too, on demand (`startService('console')`, after the timer it reads).
 */
export class Pipeline {
  readonly id = uniqueName('e2e');
  readonly apiKey = `key-${this.id}-0123456789`;
  readonly topics = {
    events: `${this.id}.events`,
    prioritized: `${this.id}.prioritized`,
    escalations: `${this.id}.escalations`,
    breaches: `${this.id}.breaches`,
    outcomes: `${this.id}.outcomes`,
    timerState: `${this.id}.timer-state`,
    policy: `${this.id}.sla-policy`,
    policyStatus: `${this.id}.sla-policy-status`,
  };
  recorder!: TopicRecorder;
  private readonly processes = new Map<Instance, ChildProcess>();
  private readonly ports = new Map<Instance, number>();
  private readonly output = new Map<Instance, string[]>();

  /** `extraEnv`: more variables for every service (e.g. `REDIS_SENTINELS`), over the harness's own. */
  constructor(
    private readonly policyFile: string,
    private readonly access: PipelineAccess = {},
    private readonly extraEnv: Readonly<Record<string, string>> = {},
  ) {}

  async start(): Promise<this> {
    await Promise.all((['intake', 'priority', 'timer'] as const).map((s) => this.startService(s)));
    this.recorder = await new TopicRecorder(testBrokers().kafkaBrokers, [
      this.topics.escalations,
      this.topics.breaches,
      this.topics.outcomes,
    ]).start();
    return this;
  }

  async startService(instance: Instance): Promise<void> {
    const service = instance.split('#')[0] as Service;
    if (!this.ports.has(instance)) this.ports.set(instance, await freePort());
    // `node --import tsx`, not the tsx CLI: the CLI SIGKILLs a child that takes over 30 ms to stop.
    const child = spawn(process.execPath, ['--import', 'tsx', `apps/${service}/src/main.ts`], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', ...this.env(service), PORT: String(this.ports.get(instance)) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    this.output.set(instance, lines);
    child.stdout?.on('data', (b: Buffer) => lines.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => lines.push(b.toString()));
    this.processes.set(instance, child);
    await this.waitReady(instance, 60_000);
  }

  /** SIGTERM: the service drains, commits and leaves its group, as an operator stops it. */
  async stopService(instance: Instance): Promise<void> {
    const child = this.processes.get(instance);
    if (child) await stopProcess(child);
  }

  /** SIGKILL: no drain, no goodbye. */
  async kill(instance: Instance): Promise<void> {
    const child = this.processes.get(instance);
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

  /** Fired thresholds (`sla.escalated`, `sla.breached`) recorded so far. */
  fired(ticketId?: string): RecordedMessage<SlaNotification>[] {
    return this.recorder.ofType<SlaNotification>(['sla.escalated', 'sla.breached'], ticketId);
  }

  /** `sla.cleared` events, once per topic they went to. */
  cleared(ticketId?: string): RecordedMessage<SlaCleared>[] {
    return this.recorder.ofType<SlaCleared>(['sla.cleared'], ticketId);
  }

  outcomes(ticketId?: string): RecordedMessage<SlaTicketOutcome>[] {
    return this.recorder.ofType<SlaTicketOutcome>(['sla.outcome'], ticketId);
  }

  url(instance: Instance): string {
    return `http://127.0.0.1:${this.ports.get(instance)}`;
  }

  /** The last lines a service printed, for failure messages. */
  logs(instance: Instance): string {
    return (this.output.get(instance) ?? []).join('').slice(-3_000);
  }

  /** Everything an instance printed. */
  fullLogs(instance: Instance): string {
    return (this.output.get(instance) ?? []).join('');
  }

  async stop(): Promise<void> {
    await this.recorder?.stop();
    await Promise.all([...this.processes.values()].map((child) => stopProcess(child)));
  }

  private env(service: Service): Record<string, string> {
    return serviceEnv(service, {
      id: this.id,
      topics: this.topics,
      policyFile: this.policyFile,
      keys: [{ id: 'e2e', key: this.apiKey, tenants: this.access.tenants ?? ['tenant-a', 'tenant-b'] }, ...(this.access.keys ?? [])],
      devKey: this.access.devKey,
      timerUrl: this.url('timer'),
      extraEnv: this.extraEnv,
    });
  }

  /** Resolves once the instance's readiness says 200. */
  async waitReady(instance: Instance, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const child = this.processes.get(instance);
    let last = 'no answer';
    for (;;) {
      if (child?.exitCode !== null) throw new Error(`${instance} exited (${child?.exitCode}):\n${this.logs(instance)}`);
      try {
        const response = await fetch(`${this.url(instance)}/health/ready`);
        if (response.status === 200) return;
        last = `${response.status} ${await response.text()}`;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${instance} not ready after ${timeoutMs} ms (last readiness: ${last}):\n${this.logs(instance)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
