import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HEADERS, ticketKey, type TicketEvent } from '@stageplus/contracts';
import { forbiddenTenantProblem, refusedTenants, unavailableProblem, validationProblem, type ApiKeyPrincipal, type ProblemFieldError } from '@stageplus/http';
import { BrokerWatch, EventPublisher, PublishError, type OutgoingMessage } from '@stageplus/kafka';
import { ServiceMetrics } from '@stageplus/metrics';
import { TenantEventQuota } from '../tenant-quota/tenant-event-quota';
import { tenantQuotaProblem } from '../tenant-quota/tenant-quota-problem';
import { LateSends } from './late-sends';
import { parseTicketEventBatch } from './ticket-event-batch';

export const INGEST_SETTINGS = Symbol('INGEST_SETTINGS');

export interface IngestSettings {
  /** Where accepted events go (`tickets.events`). */
  readonly topic: string;
  /** How long to wait for the broker's acknowledgement before answering 503 (ms). */
  readonly publishTimeoutMs: number;
}

/** What a 202 carries: the events now durably on the topic, in the order given. */
export interface IngestReceipt {
  readonly accepted: number;
  readonly eventIds: readonly string[];
}

const SCHEMA_VERSION = '1';
const PRODUCER = 'intake';
/** Field errors listed in one answer at most; a batch of 1,000 bad events would otherwise answer megabytes. */
const MAX_LISTED_ERRORS = 100;

/**
 * Accepts ticket events all or nothing: the whole batch is validated and authorized before
 * anything is published, and the receipt is given only once every in-sync replica has the events.
 */
@Injectable()
export class IngestEventsService {
  private readonly logger = new Logger(IngestEventsService.name);
  private readonly lateSends = new LateSends(Date.now);

  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(INGEST_SETTINGS) private readonly settings: IngestSettings,
    @Inject(ServiceMetrics) private readonly metrics: ServiceMetrics,
    @Inject(BrokerWatch) private readonly broker: BrokerWatch,
    @Inject(TenantEventQuota) private readonly quota: TenantEventQuota,
  ) {}

  async ingest(body: unknown, principal: ApiKeyPrincipal): Promise<IngestReceipt> {
    const parsed = parseTicketEventBatch(body);
    if (!parsed.ok) {
      // Types of invalid events are whatever the caller sent: not labels.
      this.metrics.eventsIn.inc({ source: 'http', type: 'unknown', outcome: 'invalid' }, Array.isArray(body) ? body.length : 1);
      const { errors } = parsed;
      const listed = errors.length > MAX_LISTED_ERRORS ? `; the first ${MAX_LISTED_ERRORS} are listed` : '';
      throw validationProblem(`${errors.length} invalid field${errors.length > 1 ? 's' : ''}${listed}; nothing was accepted`, errors.slice(0, MAX_LISTED_ERRORS));
    }
    const events = parsed.value;
    try {
      const future = eventsFromTheFuture(events, Array.isArray(body), Date.now());
      if (future.length > 0) throw validationProblem(`${future.length} event time${future.length > 1 ? 's are' : ' is'} in the future; nothing was accepted`, future);
      const refused = refusedTenants(principal, events.map((e) => e.tenantId));
      if (refused.length > 0) throw forbiddenTenantProblem(principal.id, refused);
      // Charged last, once the batch holds: a refused batch costs its tenant nothing. A batch
      // that Kafka then refuses (503) has been charged: a retry storm after an outage is held too.
      const overQuota = this.quota.charge(events.map((e) => e.tenantId), Date.now());
      if (overQuota.length > 0) throw tenantQuotaProblem(overQuota, Array.isArray(body));
      await this.publish(events);
    } catch (error) {
      this.count(events, outcomeOf(error));
      throw error;
    }
    this.count(events, 'accepted');
    return { accepted: events.length, eventIds: events.map((e) => e.eventId) };
  }

  private count(events: readonly TicketEvent[], outcome: string): void {
    this.metrics.countHttpEvents(events.map((e) => e.type), outcome);
  }

  private async publish(events: readonly TicketEvent[]): Promise<void> {
    const { topic, publishTimeoutMs } = this.settings;
    // Fail fast: a send to an unreachable broker would only wait out its deadline.
    if (!this.publisher.isConnected || !this.broker.reachable) throw unavailableProblem('Kafka is not reachable; nothing was accepted');
    const started = Date.now();
    const keys = events.map(contentKey);
    // A resend of events whose earlier send outlived its request: wait for that send rather than
    // write them twice; those it wrote are done.
    const earlier = await this.lateSends.earlier(keys, publishTimeoutMs);
    if (earlier.stillRunning) throw unavailableProblem('an earlier send of these events still waits for Kafka; send them again');
    const pending = events.filter((_, i) => !earlier.landed.has(keys[i]));
    if (pending.length === 0) return;
    const sending = this.publisher.publish(topic, pending.map(toMessage));
    try {
      await withDeadline(sending, Math.max(1_000, publishTimeoutMs - (Date.now() - started)), topic);
    } catch (error) {
      if (!(error instanceof PublishError)) throw error;
      this.lateSends.track(keys.filter((k) => !earlier.landed.has(k)), sending);
      // The next requests answer 503 at once until the watch's fresh probe finds a broker again.
      this.broker.report(error.message);
      this.logger.warn({ topic, events: events.length, err: { message: error.message } }, 'publishing failed; answered 503');
      throw unavailableProblem('Kafka did not acknowledge the events; send them again');
    }
  }
}

/** Why a batch was refused, as the `outcome` label says it. */
function outcomeOf(error: unknown): string {
  const status = (error as { getStatus?: () => number }).getStatus?.();
  return status === 400 ? 'invalid' : status === 403 ? 'forbidden' : status === 429 ? 'throttled' : status === 503 ? 'unavailable' : 'failed';
}

/**
 * An event cannot have happened after it reached us. A few minutes of upstream clock skew are
 * tolerated; more would make the timer fire a future threshold now.
 */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

function eventsFromTheFuture(events: readonly TicketEvent[], batch: boolean, now: number): ProblemFieldError[] {
  return events.flatMap((event, i) =>
    Date.parse(event.occurredAt) > now + MAX_CLOCK_SKEW_MS
      ? [{ field: batch ? `[${i}].occurredAt` : 'occurredAt', message: 'is more than 5 minutes ahead of the server clock' }]
      : [],
  );
}

/** The event's identity for {@link LateSends}: its whole content, not only its id. */
function contentKey(event: TicketEvent): string {
  return createHash('sha256').update(JSON.stringify(event)).digest('base64url');
}

/** Keyed by ticket, so that one ticket's events share a partition and keep their order. */
function toMessage(event: TicketEvent): OutgoingMessage {
  return {
    key: ticketKey(event.tenantId, event.ticketId),
    value: event,
    headers: { [HEADERS.eventType]: event.type, [HEADERS.schemaVersion]: SCHEMA_VERSION, [HEADERS.producer]: PRODUCER },
  };
}

/**
 * While the broker is away kafkajs keeps retrying a send (about 50 s with `createKafka`'s retry
 * settings; without end for an idempotent producer left at its defaults): longer than a request
 * should wait. Past the deadline the send goes on in the background and may still land.
 */
async function withDeadline(publishing: Promise<void>, timeoutMs: number, topic: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublishError(topic, new Error(`no acknowledgement within ${timeoutMs} ms`))), timeoutMs);
  });
  try {
    await Promise.race([publishing, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
