import { z } from 'zod';

/** A configuration that does not hold: the process must not start. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(
    readonly service: string,
    readonly problems: readonly { readonly variable: string; readonly message: string }[],
  ) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads configuration once, at the edge: validates the environment against a schema whose keys
 * are variable names, and names every bad variable in one error.
 */
export function readConfig<S extends z.ZodRawShape>(
  service: string,
  shape: S,
  env: Readonly<Record<string, string | undefined>>,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    service,
    result.error.issues.map((i) => ({ variable: variableOf(i.path) || '(env)', message: i.message })),
  );
}

/** `API_KEYS[1].sha256s[0]`: the path of an issue as an operator would write it. */
function variableOf(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** `host:port[,host:port]` lists. */
export const brokerList = z
  .string()
  .default('127.0.0.1:9092')
  .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
  .refine((list) => list.length > 0 && list.every((b) => /^[^\s:]+:\d+$/.test(b)), 'must be host:port[,host:port...]');

export const redisUrl = z.string().default('redis://127.0.0.1:6379').refine((s) => /^rediss?:\/\//.test(s), 'must be a redis:// URL');

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** `CPU_NICE`: a nice value, 0 (the normal priority) to 19 (the lowest). */
const NICE_RANGE = 'must be a nice value from 0 to 19';
export const cpuNice = z.coerce.number().int().min(0, NICE_RANGE).max(19, NICE_RANGE).default(0);

/**
 * What `npm start`, the compose file and the benches give intake and priority (`CPU_NICE`): on a
 * host they share with the timer, taking in and enriching events yields the CPU to firing on
 * time. Intake's acknowledgement then waits longer under a flood; nothing accepted is lost, and
 * the timer's wake-ups, the broker and Redis go first (docs/operations.md, "CPU priority on a shared host").
 */
export const INGEST_CPU_NICE = 10;

/** The `CPU_NICE` `npm start` and the benches give intake and priority: the environment's, else `INGEST_CPU_NICE`. */
export function ingestCpuNice(env: NodeJS.ProcessEnv): string {
  return env.CPU_NICE ?? String(INGEST_CPU_NICE);
}

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

export const logFormat = z.enum(['json', 'pretty']).default('json');

/** An optional topic-name override. */
export const topicName = (fallback: string) =>
  z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name').default(fallback);

/**
 * The environment with the named variables dropped when blank: compose files pass `${X:-}`
 * through as an empty string, which must read as "not set", not as an invalid value.
 */
export function blankAsUnset(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): Record<string, string | undefined> {
  const copy = { ...env };
  for (const name of names) if (copy[name]?.trim() === '') delete copy[name];
  return copy;
}

/**
 * `KAFKA_REPLICATION_FACTOR`: replicas of each partition of the topics a process creates; unset,
 * one per broker of the cluster up to 3 (`replicationFor` in @stageplus/kafka).
 */
export const replicationFactor = z.coerce.number().int().min(1).max(7).optional();

/**
 * `KAFKA_PARTITIONS`: partitions of every topic a process creates (the policy topics keep one).
 * Unset, `systemTopics` gives 6 (`DEFAULT_PARTITIONS` in @stageplus/kafka). Only ever applied when a
 * topic is created: an existing topic keeps its count (growing it: `sla partitions grow`).
 */
export const kafkaPartitions = z.coerce
  .number({ message: 'must be a whole number from 1 to 1000' })
  .int('must be a whole number from 1 to 1000')
  .min(1, 'must be a whole number from 1 to 1000')
  .max(1000, 'must be a whole number from 1 to 1000')
  .optional();
