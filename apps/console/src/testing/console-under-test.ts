import type { PolicyVersionRecord, SlaNotification } from '@stageplus/contracts';
import { hashApiKey } from '@stageplus/http';
import { policyDigest } from '@stageplus/sla-policy';
import { testBrokers, uniqueName } from '@stageplus/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createConsoleApp } from '../console.app';
import { readConsoleConfig } from '../console.config';

/** A stand-in for the timer's read API that answers what a test sets and remembers who asked. */
export class TimerStub {
  readonly calls: { url: string; headers: IncomingHttpHeaders }[] = [];
  answer: (url: string) => { status: number; body: unknown } = () => ({ status: 404, body: {} });
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.calls.push({ url: request.url ?? '', headers: request.headers });
      const { status, body } = this.answer(request.url ?? '');
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The console in this process on unique topics, with a vendor key and a key for one establishment. */
export class ConsoleUnderTest {
  readonly id = uniqueName('console');
  readonly vendorKey = `vendor-${this.id}-0123456789`;
  readonly lavalKey = `laval-${this.id}-0123456789`;
  /** A key with the `write` scope only: a ticketing system's, which may not sign in. */
  readonly writerKey = `writer-${this.id}-0123456789`;
  readonly topics = { escalations: `${this.id}.esc`, breaches: `${this.id}.br`, outcomes: `${this.id}.out`, policy: `${this.id}.policy`, policyStatus: `${this.id}.policy-status` };
  readonly timer = new TimerStub();
  app!: NestExpressApplication;
  url = '';
  private producer!: Producer;

  async start(): Promise<this> {
    const config = readConsoleConfig({
      PORT: '0',
      KAFKA_BROKERS: testBrokers().kafkaBrokers.join(','),
      TOPIC_SLA_ESCALATIONS: this.topics.escalations,
      TOPIC_SLA_BREACHES: this.topics.breaches,
      TOPIC_SLA_OUTCOMES: this.topics.outcomes,
      TOPIC_SLA_POLICY: this.topics.policy,
      TOPIC_SLA_POLICY_STATUS: this.topics.policyStatus,
      CONSOLE_GROUP_ID: this.id,
      TIMER_URL: await this.timer.start(),
      DEV_API_KEY: this.vendorKey,
      API_KEYS: JSON.stringify([
        { id: 'ops-laval', sha256: hashApiKey(this.lavalKey), tenants: ['cisss-laval'] },
        { id: 'ticketing-laval', sha256: hashApiKey(this.writerKey), tenants: ['cisss-laval'], scopes: ['write'] },
      ]),
      LOG_LEVEL: 'error',
    });
    const service = await createConsoleApp({ ...config, http: { host: '127.0.0.1', port: 0 } });
    this.app = service.app;
    this.url = await service.start();
    this.producer = new Kafka({ clientId: this.id, brokers: testBrokers().kafkaBrokers, logLevel: logLevel.NOTHING }).producer();
    await this.producer.connect();
    return this;
  }

  async publish(topic: string, key: string, value: object | null): Promise<void> {
    await this.producer.send({ topic, messages: [{ key, value: value === null ? null : JSON.stringify(value) }] });
  }

  /** Publishes a policy version on the console's `sla.policy`, as `sla policy publish` does. */
  async publishPolicy(version: string, text: string, replaces?: string): Promise<void> {
    const record: PolicyVersionRecord = { version, text, digest: policyDigest(text), publishedAt: new Date().toISOString(), ...(replaces === undefined ? {} : { replaces }) };
    await this.producer.send({ topic: this.topics.policy, messages: [{ key: version, value: JSON.stringify(record), partition: 0 }] });
  }

  /** A session cookie for the key (`name=value`), through POST /session. */
  async signIn(key: string): Promise<string> {
    const response = await fetch(`${this.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
    if (response.status !== 201) throw new Error(`sign-in: ${response.status}`);
    return (response.headers.get('set-cookie') ?? '').split(';')[0];
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    await this.app?.close();
    await this.timer.stop();
  }
}

/** The events of an SSE stream as they arrive, until `done` says enough (or the deadline). */
export async function readStream(url: string, headers: Record<string, string>, done: (events: { event: string; data: string }[]) => boolean, timeoutMs = 15_000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: { event: string; data: string }[] = [];
  try {
    const response = await fetch(url, { headers, signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!done(events)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        if (field('event')) events.push({ event: field('event')!, data: field('data') ?? '' });
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

/** An `sla.escalated` / `sla.breached` as the timer publishes it. */
export function notification(tenantId: string, ticketId: string, percent: number): SlaNotification {
  const at = new Date().toISOString();
  return {
    type: percent === 100 ? 'sla.breached' : 'sla.escalated',
    eventId: `sla:${tenantId}:${ticketId}:response:${percent}`,
    schemaVersion: 1,
    tenantId,
    ticketId,
    clock: 'response',
    percent,
    level: percent === 100 ? null : 1,
    priority: 'P1',
    plan: 'PLUS',
    thresholdAt: at,
    firedAt: at,
    late: false,
    dueAt: at,
    policyVersion: 'test',
    alertKey: `${tenantId}:${ticketId}:response`,
    message: { fr: 'fr', en: 'en' },
  };
}
