import type { INestApplication } from '@nestjs/common';
import type { TicketEvent } from '@stageplus/contracts';
import { hashApiKey } from '@stageplus/http';
import { createKafka, ensureTopics } from '@stageplus/kafka';
import { testBrokers, TopicRecorder, uniqueName, waitUntil } from '@stageplus/testing';
import { createIntakeApp } from '../intake.app';
import { intakeSettled } from '../intake.components';
import { readIntakeConfig } from '../intake.config';

/** Keys of the test callers; `API_KEYS` holds only their hashes, as in production. */
export const KEYS = {
  /** May post for `chu-sainte-justine` only. */
  chus: 'test-key-chus-6f1c2a9e',
  /** May post for `cusm` only. */
  cusm: 'test-key-cusm-0b7d44e1',
} as const;

const API_KEYS = JSON.stringify([
  { id: 'ticketing-chus', sha256: hashApiKey(KEYS.chus), tenants: ['chu-sainte-justine'] },
  { id: 'ticketing-cusm', sha256: hashApiKey(KEYS.cusm), tenants: ['cusm'] },
]);

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export interface PostOptions {
  /** Default: the CHUS key; null sends no Authorization header. */
  readonly apiKey?: string | null;
  /** Sent as is instead of `JSON.stringify(body)`. */
  readonly rawBody?: string;
}

export interface IntakeUnderTest {
  readonly app: INestApplication;
  readonly url: string;
  /** This test's own `tickets.events` topic. */
  readonly topic: string;
  /** This test's own `sla.policy` topic (its status topic is `<it>.status`): the policy intake follows. */
  readonly policyTopic: string;
  /** Records `topic` from its beginning; null when started without Kafka. */
  readonly recorder: TopicRecorder | null;
  post(body: unknown, options?: PostOptions): Promise<Answer>;
  get(path: string): Promise<Answer>;
  /** Closes the app and the recorder, and deletes the topics. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Extra configuration variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** Partitions of the test topic (default 3). One makes "nothing before the sentinel" a proof. */
  readonly partitions?: number;
  /**
   * Record the topic (default true). Tests that never look at it say false: a recorder stopped
   * before any message came waits out its consumer's long poll (5 s).
   */
  readonly record?: boolean;
}

let sequence = 0;

/** An opened event of CHUS on a ticket of its own, with a unique eventId. */
export function ticketEvent(overrides: Partial<Record<keyof TicketEvent, unknown>> & Record<string, unknown> = {}): TicketEvent {
  sequence += 1;
  return {
    eventId: uniqueName(`evt-${sequence}`),
    type: 'ticket.opened',
    tenantId: 'chu-sainte-justine',
    ticketId: `T-${sequence}`,
    occurredAt: '2026-06-23T15:10:00-04:00',
    impact: 2,
    urgency: 3,
    ...overrides,
  } as TicketEvent;
}

export const eventIdsOn = (recorder: TopicRecorder, topic: string): string[] =>
  recorder.of<TicketEvent>(topic).map((m) => m.value.eventId);

/**
 * The intake app on a free port with its own topic, recorded from the beginning, ready to
 * publish (the readiness endpoint answered 200).
 */
export async function startIntake(options: StartOptions = {}): Promise<IntakeUnderTest> {
  const brokers = testBrokers().kafkaBrokers;
  const topic = uniqueName('intake-events');
  const kafka = createKafka({ brokers, clientId: uniqueName('intake-test-admin') });
  await ensureTopics(kafka, [topic], options.partitions ?? 3);
  const recorder = options.record === false ? null : await new TopicRecorder(brokers, [topic]).start();
  const intake = await listen({ KAFKA_BROKERS: brokers.join(','), TOPIC_TICKET_EVENTS: topic, ...options.env }, topic, recorder, async (policyTopics) => {
    await recorder?.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, ...policyTopics] });
    await admin.disconnect();
  });
  try {
    await waitUntil(async () => ((await intake.get('/health/ready')).status === 200 ? true : undefined), 10_000, 'intake ready');
  } catch (error) {
    await intake.close();
    throw error;
  }
  return intake;
}

/** The intake app pointed at a port where no broker listens, with a short publish timeout. */
export function startIntakeWithoutKafka(env: Readonly<Record<string, string>> = {}): Promise<IntakeUnderTest> {
  const topic = uniqueName('intake-events');
  return listen(
    { KAFKA_BROKERS: '127.0.0.1:1', TOPIC_TICKET_EVENTS: topic, INTAKE_PUBLISH_TIMEOUT_MS: '500', ...env },
    topic,
    null,
    async () => undefined,
  );
}

async function listen(
  env: Record<string, string>,
  topic: string,
  recorder: TopicRecorder | null,
  cleanUp: (policyTopics: string[]) => Promise<void>,
): Promise<IntakeUnderTest> {
  // Policy topics of its own: the shared broker's `sla.policy` is left alone.
  const policyTopic = uniqueName('intake-policy');
  const policyEnv = { TOPIC_SLA_POLICY: policyTopic, TOPIC_SLA_POLICY_STATUS: `${policyTopic}.status` };
  const config = readIntakeConfig({ API_KEYS, LOG_LEVEL: 'silent', ...policyEnv, ...env });
  const { app, components, start } = await createIntakeApp({ ...config, http: { host: '127.0.0.1', port: 0 } });
  const url = await start();
  const call = async (path: string, init?: RequestInit): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
  return {
    app,
    url,
    topic,
    policyTopic,
    recorder,
    get: (path) => call(path),
    post: (body, { apiKey = KEYS.chus, rawBody } = {}) =>
      call('/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }) },
        body: rawBody ?? JSON.stringify(body),
      }),
    close: async () => {
      await app.close();
      // A connection attempt in flight outlives close(); waiting for it leaves no timer behind.
      await intakeSettled(components);
      await cleanUp(Object.values(policyEnv));
    },
  };
}
