import type { Level } from '@stageplus/contracts';
import { isLevel } from '@stageplus/sla-policy';
import type { Redis } from 'ioredis';
import type { TicketClassification } from './ticket-classification';

export interface ClassificationStoreOptions {
  /** Prefix of every key, e.g. `sla:priority:`; a ticket's hash is `{prefix}{tenantId}:{ticketId}`. */
  readonly keyPrefix: string;
  /** Seconds a ticket's classification outlives its last event. */
  readonly ttlSeconds: number;
}

/**
 * KEYS[1]: the ticket's hash. ARGV[1]: TTL in seconds; ARGV[2..5], when the event carries a
 * classification: impact, urgency, occurredAt (ms), eventId.
 * The candidate replaces the stored classification unless the stored one is strictly newer in
 * event time (ties: the later arrival wins, so a redelivery of the same event is a no-op).
 * The TTL is refreshed by every event of the ticket: an active ticket never loses its priority.
 */
const RECORD_SCRIPT = `
if ARGV[2] then
  local stored = redis.call('HGET', KEYS[1], 'occurredAt')
  if (not stored) or tonumber(ARGV[4]) >= tonumber(stored) then
    redis.call('HSET', KEYS[1], 'impact', ARGV[2], 'urgency', ARGV[3], 'occurredAt', ARGV[4], 'eventId', ARGV[5])
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return redis.call('HMGET', KEYS[1], 'impact', 'urgency', 'occurredAt', 'eventId')
`;

const COMMAND = 'recordTicketClassification';

type RecordCommand = (key: string, ...args: (string | number)[]) => Promise<(string | null)[]>;

/**
 * Each ticket's current classification in Redis, kept by event time: one atomic script both
 * records what an event says and returns what now applies, so concurrent or out-of-order
 * deliveries cannot interleave between the comparison and the write.
 */
export class TicketClassificationStore {
  private readonly record: RecordCommand;

  constructor(
    redis: Redis,
    private readonly options: ClassificationStoreOptions,
  ) {
    redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: RECORD_SCRIPT });
    const command = (redis as unknown as Record<string, RecordCommand>)[COMMAND];
    this.record = command.bind(redis);
  }

  /** The Redis key of a ticket's classification. */
  keyOf(tenantId: string, ticketId: string): string {
    return `${this.options.keyPrefix}${tenantId}:${ticketId}`;
  }

  /**
   * Records `candidate` (what the event says, null if nothing) and returns the ticket's current
   * classification, the one with the latest event time known; null if none is known yet.
   */
  async apply(tenantId: string, ticketId: string, candidate: TicketClassification | null): Promise<TicketClassification | null> {
    const key = this.keyOf(tenantId, ticketId);
    const args: (string | number)[] = [this.options.ttlSeconds];
    if (candidate !== null) args.push(candidate.impact, candidate.urgency, candidate.occurredAtMs, candidate.eventId);
    return toClassification(key, await this.record(key, ...args));
  }
}

function toClassification(key: string, [impact, urgency, occurredAt, eventId]: (string | null)[]): TicketClassification | null {
  if (impact === null && urgency === null && occurredAt === null && eventId === null) return null;
  const parsed = { impact: Number(impact), urgency: Number(urgency), occurredAtMs: Number(occurredAt), eventId };
  if (!isLevel(parsed.impact) || !isLevel(parsed.urgency) || !Number.isSafeInteger(parsed.occurredAtMs) || !eventId) {
    throw new Error(`corrupt ticket classification at Redis key ${key}: ${JSON.stringify([impact, urgency, occurredAt, eventId])}`);
  }
  return { impact: parsed.impact as Level, urgency: parsed.urgency as Level, occurredAtMs: parsed.occurredAtMs, eventId };
}
