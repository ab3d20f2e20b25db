import { createHash } from 'node:crypto';
import { ingestCpuNice } from '@stageplus/config';

export type Service = 'intake' | 'priority' | 'timer';

/** What one bench run gives a service: its own topics, groups, queue, prefixes and port. */
export interface BenchRun {
  readonly id: string;
  readonly apiKey: string;
  readonly kafkaBrokers: readonly string[];
  readonly redisUrl: string;
  readonly policyFile?: string;
  readonly tenants: readonly string[];
  readonly logLevel?: string;
  readonly env?: Partial<Record<Service, Record<string, string>>>;
  readonly topics: { readonly events: string; readonly prioritized: string; readonly escalations: string; readonly breaches: string; readonly timerState: string };
  readonly groups: { readonly priority: string; readonly timer: string };
  readonly port: number;
}

/** The topic variables of a run, as `tools/dev/ensure-topics.ts` and the services read them. */
export function topicEnv(topics: BenchRun['topics']): Record<string, string> {
  return {
    TOPIC_TICKET_EVENTS: topics.events,
    TOPIC_TICKETS_PRIORITIZED: topics.prioritized,
    TOPIC_SLA_ESCALATIONS: topics.escalations,
    TOPIC_SLA_BREACHES: topics.breaches,
    TOPIC_TIMER_STATE: topics.timerState,
    TOPIC_SLA_POLICY: `${topics.timerState}.sla-policy`,
    TOPIC_SLA_POLICY_STATUS: `${topics.timerState}.sla-policy-status`,
  };
}

/** A service's environment in a run; `run.env[service]` last, so a bench may override anything. */
export function serviceEnv(service: Service, run: BenchRun): Record<string, string> {
  const common: Record<string, string> = {
    KAFKA_BROKERS: run.kafkaBrokers.join(','),
    REDIS_URL: run.redisUrl,
    HOST: '127.0.0.1',
    PORT: String(run.port),
    // `warn` by default, so that logging costs nothing measurable.
    LOG_LEVEL: run.logLevel ?? 'warn',
    LOG_FORMAT: 'json',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    ...(run.policyFile ? { POLICY_FILE: run.policyFile } : {}),
    TOPIC_SLA_POLICY: `${run.topics.timerState}.sla-policy`,
    TOPIC_SLA_POLICY_STATUS: `${run.topics.timerState}.sla-policy-status`,
  };
  // As `npm start` runs them: ingest yields the CPU to the timer (`CPU_NICE=0` in the bench's environment: not).
  const ingest = { CPU_NICE: ingestCpuNice(process.env) };
  const keys = JSON.stringify([{ id: 'bench', sha256: createHash('sha256').update(run.apiKey).digest('hex'), tenants: run.tenants }]);
  const extra = run.env?.[service] ?? {};
  switch (service) {
    case 'intake':
      // The per-tenant quota off: benches measure capacity (bench:firing's noisy neighbour sets it).
      return { ...common, ...ingest, TOPIC_TICKET_EVENTS: run.topics.events, API_KEYS: keys, INTAKE_TENANT_EVENTS_PER_SECOND: '0', ...extra };
    case 'priority':
      return { ...common, ...ingest, PRIORITY_GROUP_ID: run.groups.priority, TOPIC_TICKET_EVENTS: run.topics.events, TOPIC_TICKETS_PRIORITIZED: run.topics.prioritized, REDIS_PREFIX: `${run.id}:priority:`, ...extra };
    case 'timer':
      return {
        ...common,
        TIMER_GROUP_ID: run.groups.timer,
        // A restarted timer gets its partitions back once the killed member's session expires.
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        TOPIC_TICKETS_PRIORITIZED: run.topics.prioritized,
        TOPIC_SLA_ESCALATIONS: run.topics.escalations,
        TOPIC_SLA_BREACHES: run.topics.breaches,
        TOPIC_TIMER_STATE: run.topics.timerState,
        REDIS_PREFIX: `${run.id}:timer:`,
        TIMER_QUEUE: run.id,
        API_KEYS: keys,
        ...extra,
      };
  }
}
