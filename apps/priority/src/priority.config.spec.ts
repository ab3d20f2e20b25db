import { readPriorityConfig } from './priority.config';

describe('reading the priority configuration', () => {
  it('defaults every variable to the local setup and the contract topics', () => {
    expect(readPriorityConfig({})).toEqual({
      kafkaBrokers: ['127.0.0.1:9092'],
      groupId: 'sla-priority',
      sessionTimeoutMs: 30_000,
      stuckAfterMs: 30_000,
      topics: { ticketEvents: 'tickets.events', ticketsPrioritized: 'tickets.prioritized' },
      policyTopics: { policy: 'sla.policy', status: 'sla.policy.status' },
      redisUrl: 'redis://127.0.0.1:6379',
      redis: { url: 'redis://127.0.0.1:6379' },
      redisPrefix: 'sla:priority:',
      classificationTtlSeconds: 90 * 86_400,
      policyFile: undefined,
      http: { host: '127.0.0.1', port: 3001 },
      log: { level: 'info', format: 'json' },
      cpuNice: 0,
    });
  });

  it('takes every variable from the environment', () => {
    const config = readPriorityConfig({
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      PRIORITY_GROUP_ID: 'priority-blue',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_STUCK_AFTER_MS: '5000',
      TOPIC_TICKET_EVENTS: 'in',
      TOPIC_TICKETS_PRIORITIZED: 'out',
      TOPIC_SLA_POLICY: 'p',
      TOPIC_SLA_POLICY_STATUS: 'ps',
      REDIS_URL: 'rediss://cache:6380',
      REDIS_PREFIX: 'p:',
      CLASSIFICATION_TTL_DAYS: '30',
      POLICY_FILE: '/etc/sla/policy.yaml',
      HOST: '0.0.0.0',
      PORT: '0',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
    });
    expect(config).toMatchObject({
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      groupId: 'priority-blue',
      sessionTimeoutMs: 6_000,
      stuckAfterMs: 5_000,
      topics: { ticketEvents: 'in', ticketsPrioritized: 'out' },
      policyTopics: { policy: 'p', status: 'ps' },
      redisUrl: 'rediss://cache:6380',
      redisPrefix: 'p:',
      classificationTtlSeconds: 30 * 86_400,
      policyFile: '/etc/sla/policy.yaml',
      http: { host: '0.0.0.0', port: 0 },
      log: { level: 'debug', format: 'pretty' },
    });
  });

  it('names every bad variable in one error', () => {
    const read = () => readPriorityConfig({ KAFKA_BROKERS: 'nope', REDIS_URL: 'http://x', PORT: 'eighty', CLASSIFICATION_TTL_DAYS: '0' });
    expect(read).toThrow(expect.objectContaining({ code: 'CONFIG.INVALID' }));
    expect(read).toThrow(/KAFKA_BROKERS[\s\S]*REDIS_URL[\s\S]*CLASSIFICATION_TTL_DAYS[\s\S]*PORT/);
  });

  it('refuses to publish to the topic it consumes', () => {
    expect(() => readPriorityConfig({ TOPIC_TICKET_EVENTS: 'same', TOPIC_TICKETS_PRIORITIZED: 'same' })).toThrow(
      /TOPIC_TICKETS_PRIORITIZED: must differ from TOPIC_TICKET_EVENTS/,
    );
  });
});
