import { HEADERS, ticketKey, type SlaCleared, type SlaNotification, type TicketEvent } from '@stageplus/contracts';
import { createKafka, EventPublisher } from '@stageplus/kafka';
import type { ServiceApp } from '@stageplus/http';
import { FAST_POLICY_PATH, testBrokers, TopicRecorder, uniqueName, type RecordedMessage } from '@stageplus/testing';
import { createTimerApp } from '../timer.app';
import type { TimerComponents } from '../timer.components';
import { readTimerConfig, type TimerConfig } from '../timer.config';

/**
 * A timer service on unique topics, queue, group and Redis prefix, fed directly with
 * `ticket.prioritized` messages, its output recorded.
 */
export class TimerHarness {
  static readonly apiKey = 'timer-test-key-0123456789';

  /** The service as main runs it: `service.app` the Nest app, `service.components` its parts. */
  service!: ServiceApp<TimerComponents>;
  url!: string;
  recorder!: TopicRecorder;
  private input!: EventPublisher;
  readonly config: TimerConfig;

  constructor(overrides: Record<string, string> = {}) {
    const { kafkaBrokers, redisUrl } = testBrokers();
    const id = uniqueName('timer');
    this.config = readTimerConfig({
      KAFKA_BROKERS: kafkaBrokers.join(','),
      REDIS_URL: redisUrl,
      POLICY_FILE: FAST_POLICY_PATH,
      TIMER_GROUP_ID: id,
      TOPIC_TICKETS_PRIORITIZED: `${id}.prioritized`,
      TOPIC_SLA_ESCALATIONS: `${id}.escalations`,
      TOPIC_SLA_BREACHES: `${id}.breaches`,
      TOPIC_TIMER_STATE: `${id}.state`,
      TOPIC_SLA_POLICY: `${id}.policy`,
      TOPIC_SLA_POLICY_STATUS: `${id}.policy-status`,
      REDIS_PREFIX: `${id}:`,
      TIMER_QUEUE: id,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DEV_API_KEY: TimerHarness.apiKey,
      ...overrides,
    });
  }

  async start(): Promise<this> {
    this.service = await createTimerApp(this.config);
    this.url = await this.service.start();
    this.input = new EventPublisher(createKafka({ brokers: [...this.config.kafkaBrokers], clientId: 'harness' }));
    await this.input.connect();
    this.recorder = await new TopicRecorder([...this.config.kafkaBrokers], [this.config.topics.slaEscalations, this.config.topics.slaBreaches]).start();
    return this;
  }

  /** The timer's parts, for what a spec checks behind the API. */
  get components(): TimerComponents {
    return this.service.components;
  }

  /** The thresholds the ticket's clocks have upcoming, as the SLA API lists them (`clock:percent`). */
  async scheduled(tenantId: string, ticketId: string): Promise<string[] | null> {
    const response = await this.getSla(tenantId, ticketId);
    if (response.status !== 200) return null;
    return ((await response.json()) as { scheduled: { threshold: string }[] }).scheduled.map((s) => s.threshold);
  }

  /** Sends ticket events as the priority service would (enrichment fields are not read by the timer). */
  async send(...events: TicketEvent[]): Promise<void> {
    for (const event of events) {
      await this.input.publish(this.config.topics.ticketsPrioritized, [
        {
          key: ticketKey(event.tenantId, event.ticketId),
          value: { type: 'ticket.prioritized', schemaVersion: 1, event, policyVersion: 'test-fast-24x7' },
          headers: { [HEADERS.eventType]: 'ticket.prioritized' },
        },
      ]);
    }
  }

  async sendRaw(value: string, key = 'raw'): Promise<void> {
    await this.input.publish(this.config.topics.ticketsPrioritized, [{ key, value: JSON.parse(value) }]);
  }

  /** Fired thresholds only (the SLA topics also carry `sla.cleared`). */
  fired(ticketId?: string): RecordedMessage<SlaNotification>[] {
    return this.recorder.ofType<SlaNotification>(['sla.escalated', 'sla.breached'], ticketId);
  }

  cleared(ticketId?: string): RecordedMessage<SlaCleared>[] {
    return this.recorder.ofType<SlaCleared>(['sla.cleared'], ticketId);
  }

  /** GET the ticket's SLA with the test key (or another). */
  getSla(tenantId: string, ticketId: string, key = TimerHarness.apiKey): Promise<Response> {
    return fetch(`${this.url}/v1/tenants/${tenantId}/tickets/${ticketId}/sla`, { headers: { authorization: `Bearer ${key}` } });
  }

  async stop(): Promise<void> {
    await this.recorder?.stop();
    await this.input?.disconnect();
    await this.service?.app.close();
  }
}
