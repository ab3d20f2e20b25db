import { createHash } from 'node:crypto';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { testBrokers } from '@stageplus/testing';

/** The five services a system under test runs, from the sources (`Pipeline`) or a release (`ReleaseSystem`). */
export type SystemService = 'intake' | 'priority' | 'timer' | 'console' | 'oncall-bridge';

/** A system's own names for the topics its tests read, by the variable that sets each. */
const TOPIC_VARIABLES = {
  events: 'TOPIC_TICKET_EVENTS',
  prioritized: 'TOPIC_TICKETS_PRIORITIZED',
  escalations: 'TOPIC_SLA_ESCALATIONS',
  breaches: 'TOPIC_SLA_BREACHES',
  outcomes: 'TOPIC_SLA_OUTCOMES',
  timerState: 'TOPIC_TIMER_STATE',
  policy: 'TOPIC_SLA_POLICY',
  policyStatus: 'TOPIC_SLA_POLICY_STATUS',
} as const;

export type SystemTopics = { readonly [K in keyof typeof TOPIC_VARIABLES]?: string };

/** Who may call the services: hashed into `API_KEYS`. */
export interface SystemKey {
  readonly id: string;
  readonly key: string;
  readonly tenants: readonly string[];
}

/** What sets one system apart from another on the shared Kafka and Redis. */
export interface SystemSettings {
  /** Unique to the run: groups `<id>-<service>`, Redis prefixes `<id>:<service>:`, the timer's queue. */
  readonly id: string;
  /** Named by the system; every other topic is `<id>.<name>`. */
  readonly topics: SystemTopics;
  /**
   * Every service's `POLICY_FILE`, intake's too: all of them follow `sla.policy`, and on its empty
   * topic whichever starts first publishes its own file as the first version.
   */
  readonly policyFile: string;
  readonly keys: readonly SystemKey[];
  /** `DEV_API_KEY` of the timer and the console. */
  readonly devKey?: string;
  /** Where the console reads the timer; needed once the console starts. */
  readonly timerUrl?: string;
  /** Where the bridge posts (Alertmanager's webhook format); needed once the bridge starts. */
  readonly webhookUrl?: string;
  /** More variables for every service (`REDIS_SENTINELS`…), under each service's own. */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

/** The shared brokers, loopback, quiet logs: what every process of a system connects with. */
export function connectionEnv(): Record<string, string> {
  const { kafkaBrokers, redisUrl } = testBrokers();
  return { KAFKA_BROKERS: kafkaBrokers.join(','), REDIS_URL: redisUrl, HOST: '127.0.0.1', LOG_LEVEL: 'warn', KAFKAJS_NO_PARTITIONER_WARNING: '1' };
}

/**
 * Every topic variable of the system, unique to the run: derived from `DEFAULT_TOPICS`, so that a
 * topic added there never falls back to the shared broker's default name (the policy history
 * least of all: a suite's policy must not become a version of it), then the system's own names.
 */
export function topicEnv(settings: Pick<SystemSettings, 'id' | 'topics'>): Record<string, string> {
  const derived = Object.keys(DEFAULT_TOPICS).map((name) => [`TOPIC_${name.replace(/[A-Z]/g, '_$&').toUpperCase()}`, `${settings.id}.${name}`]);
  const named = Object.entries(settings.topics).map(([key, topic]) => [TOPIC_VARIABLES[key as keyof typeof TOPIC_VARIABLES], topic]);
  return Object.fromEntries([...derived, ...named]);
}

/** One service's environment in a system, without its `PORT`. */
export function serviceEnv(service: SystemService, s: SystemSettings): Record<string, string> {
  const shared = { ...connectionEnv(), ...topicEnv(s), ...s.extraEnv };
  const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
  const apiKeys = { API_KEYS: JSON.stringify(s.keys.map((k) => ({ id: k.id, sha256: sha256(k.key), tenants: k.tenants }))) };
  const callers = { ...apiKeys, ...(s.devKey ? { DEV_API_KEY: s.devKey } : {}) };
  const policy = { POLICY_FILE: s.policyFile };
  switch (service) {
    case 'intake':
      return { ...shared, ...policy, ...apiKeys };
    case 'priority':
      return { ...shared, ...policy, PRIORITY_GROUP_ID: `${s.id}-priority`, REDIS_PREFIX: `${s.id}:priority:` };
    case 'timer':
      // A short session: a killed timer's partitions move to the survivor within the suites' waits.
      return { ...shared, ...policy, TIMER_GROUP_ID: `${s.id}-timer`, KAFKA_SESSION_TIMEOUT_MS: '6000', REDIS_PREFIX: `${s.id}:timer:`, TIMER_QUEUE: s.id, ...callers };
    case 'console':
      return { ...shared, ...policy, CONSOLE_GROUP_ID: `${s.id}-console`, TIMER_URL: required(s.timerUrl, 'the console needs the timer URL'), ...callers };
    case 'oncall-bridge':
      return {
        ...shared,
        BRIDGE_FORMAT: 'alertmanager',
        BRIDGE_WEBHOOK_URL: required(s.webhookUrl, 'the bridge needs a webhook URL'),
        BRIDGE_GROUP_ID: `${s.id}-bridge`,
        REDIS_PREFIX: `${s.id}:bridge:`,
      };
  }
}

function required(value: string | undefined, why: string): string {
  if (value === undefined) throw new Error(why);
  return value;
}
