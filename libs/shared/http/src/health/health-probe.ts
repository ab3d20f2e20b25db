/**
 * One health shape for every service. `GET /health/live` fails only when a restart is the cure;
 * `GET /health/ready` when the service cannot do its work now (route no traffic to it), and says
 * which dependency is down.
 */

/** A dependency as readiness sees it; `detail` says why it is down (or what is worth knowing). */
export interface HealthCheck {
  readonly status: 'up' | 'down';
  readonly detail?: string;
}

/** What a service's probe reports: its checks, and fields of its own (the timer's partitions). */
export interface Readiness {
  readonly checks: Readonly<Record<string, HealthCheck>>;
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** What each service provides under {@link HEALTH_PROBE}: its name and how to check itself, cheaply. */
export interface HealthProbe {
  readonly service: string;
  /** Why the process cannot recover by itself (restart it), or null. */
  fatal(): string | null;
  readiness(): Promise<Readiness>;
}

export const HEALTH_PROBE = 'health:probe';

export interface LiveBody {
  readonly status: 'live' | 'dead';
  readonly service: string;
  readonly detail?: string;
}

export interface ReadyBody {
  readonly status: 'ready' | 'not-ready';
  readonly service: string;
  readonly checks: Readonly<Record<string, HealthCheck>>;
  readonly [extra: string]: unknown;
}

/** The readiness body: `ready` only when every check is up. */
export function readyBody(service: string, readiness: Readiness): ReadyBody {
  const ready = Object.values(readiness.checks).every((check) => check.status === 'up');
  return { ...readiness.extra, status: ready ? 'ready' : 'not-ready', service, checks: readiness.checks };
}

export const up = (detail?: string): HealthCheck => (detail === undefined ? { status: 'up' } : { status: 'up', detail });
export const down = (detail: string): HealthCheck => ({ status: 'down', detail });

/** The Kafka producer: connected or not (`EventPublisher.isConnected`). */
export function producerCheck(producer: { readonly isConnected: boolean }): HealthCheck {
  return producer.isConnected ? up() : down('the Kafka producer is not connected');
}

/** What `BrokerWatch` (shared-kafka) believes: read, never waited on; the watch probes in the background. */
export interface BrokerState {
  readonly reachability: { readonly reachable: boolean; readonly since: number; readonly detail: string };
}

/** A Kafka broker answered the watch's last probe (a metadata request, every ~2 s). */
export function brokerCheck(broker: BrokerState): HealthCheck {
  const { reachable, since, detail } = broker.reachability;
  return reachable ? up() : down(`no Kafka broker answers since ${new Date(since).toISOString()}: ${detail}`);
}

/** What a batch consumer (`KafkaBatchServer`) says of itself. */
export interface ConsumerState {
  readonly healthy: boolean;
  readonly fatalCrash: string | null;
  stuckPartitions(): string[];
  /** Why it is out of its group for too long (a rebalance or a restart that does not end), or null. */
  outOfGroup?(): string | null;
}

/** The consumer runs, has not crashed for good, is in its group, and no partition is stuck retrying one batch. */
export function consumerCheck(consumer: ConsumerState): HealthCheck {
  if (consumer.fatalCrash !== null) return down(`the consumer stopped: ${consumer.fatalCrash}`);
  if (!consumer.healthy) return down('the consumer is not running');
  const out = consumer.outOfGroup?.() ?? null;
  if (out !== null) return down(out);
  const stuck = consumer.stuckPartitions();
  return stuck.length > 0 ? down(`stuck retrying a batch: ${stuck.join(', ')}`) : up();
}

/**
 * Redis answers a PING within `timeoutMs` (default 1 000). A client that is reconnecting would
 * queue the command: the deadline turns that into "down" rather than a probe that hangs.
 */
export async function redisCheck(redis: { readonly status: string; ping(): Promise<string> }, timeoutMs = 1_000): Promise<HealthCheck> {
  if (redis.status !== 'ready') return down(`Redis connection is ${redis.status}`);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<HealthCheck>((resolve) => (timer = setTimeout(() => resolve(down(`Redis did not answer PING within ${timeoutMs} ms`)), timeoutMs)));
  try {
    return await Promise.race([
      redis.ping().then(
        () => up(),
        (error: Error) => down(`Redis PING failed: ${error.message}`),
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
