import { parseArgs } from 'node:util';
import { brokerList, readConfig, topicName } from '@stageplus/config';
import { DEFAULT_TOPICS } from '@stageplus/contracts';
import { redisTarget, redisVariables, type RedisTarget } from '@stageplus/redis';
import { z } from 'zod';
import { CliError } from '../../io/cli-error';

export const PARTITIONS_GROW_USAGE = `  partitions grow --to M     with the services stopped and drained: grow tickets.events,
                            tickets.prioritized and sla.timer.state to M partitions, move each open
                            ticket's changelog record to its new partition, and delete the timer's
                            Redis state (rebuilt from the changelog at start; docs/operations.md)
      environment: KAFKA_BROKERS, REDIS_URL (or REDIS_SENTINELS…), TOPIC_TICKET_EVENTS,
                   TOPIC_TICKETS_PRIORITIZED, TOPIC_TIMER_STATE, PRIORITY_GROUP_ID, TIMER_GROUP_ID,
                   TIMER_REDIS_PREFIX (the timer's REDIS_PREFIX, default sla:timer:)
`;

export interface PartitionsGrowOptions {
  /** The partition count to reach (`--to`). */
  readonly to: number;
  readonly brokers: readonly string[];
  readonly redis: RedisTarget;
  readonly topics: { readonly ticketEvents: string; readonly ticketsPrioritized: string; readonly timerState: string };
  /** The consumer groups that must be stopped and drained: priority's on the events, the timer's on the prioritized. */
  readonly groups: { readonly priority: string; readonly timer: string };
  /** Prefix of every key the timer writes in Redis (its `REDIS_PREFIX`). */
  readonly timerPrefix: string;
}

const envShape = {
  KAFKA_BROKERS: brokerList,
  ...redisVariables,
  TOPIC_TICKET_EVENTS: topicName(DEFAULT_TOPICS.ticketEvents),
  TOPIC_TICKETS_PRIORITIZED: topicName(DEFAULT_TOPICS.ticketsPrioritized),
  TOPIC_TIMER_STATE: topicName(DEFAULT_TOPICS.timerState),
  PRIORITY_GROUP_ID: z.string().min(1).default('sla-priority'),
  TIMER_GROUP_ID: z.string().min(1).default('sla-timer'),
  TIMER_REDIS_PREFIX: z.string().min(1, 'must not be empty: every key of Redis would be deleted').default('sla:timer:'),
};

/** `sla partitions grow`'s arguments (after `partitions grow`) and its environment. */
export function readPartitionsGrowOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): PartitionsGrowOptions {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { to: { type: 'string' } } });
  if (positionals.length > 0) throw new CliError('CLI.USAGE', `partitions grow takes no argument besides --to, not "${positionals.join(' ')}"`);
  const raw = values.to;
  if (raw === undefined) throw new CliError('CLI.USAGE', 'partitions grow needs --to M, the partition count to reach');
  const to = Number(raw);
  if (!/^\d+$/.test(raw) || to < 1 || to > 1000) throw new CliError('CLI.USAGE', `--to must be a whole number from 1 to 1000, not "${raw}"`);
  const vars = readConfig('sla partitions grow', envShape, env);
  return {
    to,
    brokers: vars.KAFKA_BROKERS,
    redis: redisTarget('sla partitions grow', vars),
    topics: { ticketEvents: vars.TOPIC_TICKET_EVENTS, ticketsPrioritized: vars.TOPIC_TICKETS_PRIORITIZED, timerState: vars.TOPIC_TIMER_STATE },
    groups: { priority: vars.PRIORITY_GROUP_ID, timer: vars.TIMER_GROUP_ID },
    timerPrefix: vars.TIMER_REDIS_PREFIX,
  };
}
