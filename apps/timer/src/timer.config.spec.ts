import { ConfigError } from '@stageplus/config';
import { readTimerConfig } from './timer.config';

const KEY = { DEV_API_KEY: '0123456789abcdef0' };
const problems = (env: Record<string, string>): string[] => {
  try {
    readTimerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  throw new Error('the configuration was accepted');
};

// The variables are the operators' interface (README, compose, npm start): the camelCase config
// is read from the same names, with the same defaults and the same messages.
describe('the timer configuration, read once from the environment', () => {
  it('given only a development key, then every default is the documented one', () => {
    expect(readTimerConfig(KEY)).toEqual({
      http: { host: '127.0.0.1', port: 3002 },
      log: { level: 'info', format: 'json' },
      cpuNice: 0,
      metricsToken: undefined,
      kafkaBrokers: ['127.0.0.1:9092'],
      redis: { url: 'redis://127.0.0.1:6379' },
      policyFile: undefined,
      groupId: 'sla-timer',
      sessionTimeoutMs: 30_000,
      topics: { ticketsPrioritized: 'tickets.prioritized', slaEscalations: 'sla.escalations', slaBreaches: 'sla.breaches', timerState: 'sla.timer.state', slaOutcomes: 'sla.outcomes' },
      policyTopics: { policy: 'sla.policy', status: 'sla.policy.status' },
      redisPrefix: 'sla:timer:',
      queue: 'sla-thresholds',
      concurrency: 2_000,
      redisHz: 200,
      closedRetentionMs: 7 * 86_400_000,
      stateCheckMs: 500,
      apiKeys: [expect.objectContaining({ tenants: ['*'] })],
      apiAccess: { perKey: { perSecond: 100, burst: 200 }, perAddress: { perSecond: 1, burst: 20 }, expiryWarningMs: 14 * 86_400_000 },
    });
  });

  it('reads each variable into its field', () => {
    const config = readTimerConfig({
      ...KEY,
      HOST: '0.0.0.0',
      PORT: '1234',
      LOG_FORMAT: 'pretty',
      POLICY_FILE: 'x.yaml',
      TIMER_GROUP_ID: 'g',
      TOPIC_TICKETS_PRIORITIZED: 'in',
      TOPIC_TIMER_STATE: 'state',
      TOPIC_SLA_POLICY_STATUS: 'status',
      REDIS_PREFIX: 'p:',
      TIMER_QUEUE: 'q',
      TIMER_CONCURRENCY: '7',
      TIMER_REDIS_HZ: '0',
      TIMER_CLOSED_RETENTION_DAYS: '1.5',
      TIMER_STATE_CHECK_MS: '200',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
    expect(config).toMatchObject({
      http: { host: '0.0.0.0', port: 1234 },
      log: { format: 'pretty' },
      policyFile: 'x.yaml',
      groupId: 'g',
      topics: { ticketsPrioritized: 'in', timerState: 'state' },
      policyTopics: { status: 'status' },
      redisPrefix: 'p:',
      queue: 'q',
      concurrency: 7,
      redisHz: 0,
      closedRetentionMs: 129_600_000,
      stateCheckMs: 200,
      sessionTimeoutMs: 6_000,
    });
  });

  it('refuses to start without API keys, naming the variable', () => {
    expect(problems({})).toEqual(['API_KEYS: is required (or DEV_API_KEY for development)']);
    expect(problems({ DEV_API_KEY: 'short' })).toEqual(['DEV_API_KEY: must be at least 16 characters']);
  });

  it('names every bad variable in one error', () => {
    const env = { ...KEY, KAFKA_BROKERS: 'nope', REDIS_URL: 'http://x', TIMER_QUEUE: 'a b', TIMER_CONCURRENCY: '0', TIMER_REDIS_HZ: '501', TIMER_STATE_CHECK_MS: '10', TOPIC_SLA_POLICY: 'a b' };
    expect(problems(env)).toEqual([
      'KAFKA_BROKERS: must be host:port[,host:port...]',
      'REDIS_URL: must be a redis:// URL',
      'TOPIC_SLA_POLICY: must be a Kafka topic name',
      'TIMER_QUEUE: letters, digits, _ and - only',
      'TIMER_CONCURRENCY: Too small: expected number to be >=1',
      'TIMER_REDIS_HZ: Too big: expected number to be <=500',
      'TIMER_STATE_CHECK_MS: Too small: expected number to be >=50',
    ]);
    expect(problems({ ...KEY, METRICS_TOKEN: 'x' })).toEqual(['METRICS_TOKEN: must be at least 16 characters (or blank: no token)']);
    expect(problems({ ...KEY, REDIS_SENTINELS: 'h:1' })).toEqual(['REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS']);
  });
});
