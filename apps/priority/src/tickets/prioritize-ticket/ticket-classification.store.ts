import type { Level } from '@stageplus/contracts';
import { isLevel } from '@stageplus/sla-policy';
import { pipelineParts, type RedisClient } from '@stageplus/redis';
import type { ChainableCommander } from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TicketClassification } from './ticket-classification';

export interface ClassificationStoreOptions {
  /** Prefix of every key, e.g. `sla:priority:`; a ticket's hash is `{prefix}{tenantId}:{ticketId}`. */
  readonly keyPrefix: string;
  /** Seconds a ticket's classification outlives its last event. */
  readonly ttlSeconds: number;
}

/** What one event says about its ticket: `candidate` is its classification, null if it carries none. */
export interface ClassificationUpdate {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly candidate: TicketClassification | null;
}

/**
 * A ticket's hash holds what this service never writes. Not the event's fault: the batch is
 * retried, its partition reported stuck, until someone repairs or deletes the key.
 */
export class CorruptClassificationError extends Error {
  readonly code = 'CLASSIFICATION.CORRUPT';

  constructor(key: string, stored: Reply) {
    super(`corrupt ticket classification at Redis key ${key}: ${JSON.stringify(stored)}`);
    this.name = 'CorruptClassificationError';
  }
}

const COMMAND = 'recordTicketClassification';
const RECORD_SCRIPT = readFileSync(join(__dirname, 'record-ticket-classification.lua'), 'utf8');

type Reply = (string | null)[];
type RecordInPipeline = (key: string, ...args: (string | number)[]) => ChainableCommander;

/**
 * Each ticket's current classification in Redis, kept by event time. One atomic script per event
 * (`record-ticket-classification.lua`) both records what the event says and returns what now
 * applies; a batch's events go in one pipelined round trip, in batch order, so that the events
 * of one ticket are applied in the order they were consumed.
 */
export class TicketClassificationStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly options: ClassificationStoreOptions,
  ) {
    redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: RECORD_SCRIPT });
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
    const [current] = await this.applyAll([{ tenantId, ticketId, candidate }]);
    return current;
  }

  /**
   * {@link apply} for each update, in order, in one round trip (on Redis Cluster, one per master
   * concurrently): the current classification after each. Throws the first error of any (Redis unavailable, a corrupt hash): the caller retries
   * the whole batch, which the script makes harmless.
   */
  async applyAll(updates: readonly ClassificationUpdate[]): Promise<(TicketClassification | null)[]> {
    if (updates.length === 0) return [];
    // One pipeline; on Redis Cluster one per master, each keeping its tickets' events in order
    // (a ticket's key is in one slot).
    const parts = pipelineParts(this.redis, [...updates.keys()], (i) => this.keyOf(updates[i].tenantId, updates[i].ticketId));
    const results: (TicketClassification | null)[] = new Array(updates.length).fill(null);
    await Promise.all(
      parts.map(async (part) => (await this.applyInOnePipeline(part.map((i) => updates[i]))).forEach((current, j) => (results[part[j]] = current))),
    );
    return results;
  }

  private async applyInOnePipeline(updates: readonly ClassificationUpdate[]): Promise<(TicketClassification | null)[]> {
    const pipeline = this.redis.pipeline();
    const record = (pipeline as unknown as Record<string, RecordInPipeline>)[COMMAND].bind(pipeline);
    for (const { tenantId, ticketId, candidate } of updates) {
      const args: (string | number)[] = [this.options.ttlSeconds];
      if (candidate !== null) args.push(candidate.impact, candidate.urgency, candidate.occurredAtMs, candidate.eventId);
      record(this.keyOf(tenantId, ticketId), ...args);
    }
    const replies = await pipeline.exec();
    if (replies === null || replies.length !== updates.length) throw new Error('the Redis pipeline was aborted');
    return replies.map(([error, reply], i) => {
      if (error) throw error;
      return toClassification(this.keyOf(updates[i].tenantId, updates[i].ticketId), reply as Reply);
    });
  }
}

function toClassification(key: string, reply: Reply): TicketClassification | null {
  const [impact, urgency, occurredAt, eventId] = reply;
  if (impact === null && urgency === null && occurredAt === null && eventId === null) return null;
  const parsed = { impact: Number(impact), urgency: Number(urgency), occurredAtMs: Number(occurredAt), eventId };
  if (!isLevel(parsed.impact) || !isLevel(parsed.urgency) || !Number.isSafeInteger(parsed.occurredAtMs) || !eventId) {
    throw new CorruptClassificationError(key, reply);
  }
  return { impact: parsed.impact as Level, urgency: parsed.urgency as Level, occurredAtMs: parsed.occurredAtMs, eventId };
}
