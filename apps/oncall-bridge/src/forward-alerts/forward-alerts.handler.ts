import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { SlaTopicEvent } from '@stageplus/contracts';
import { EventPublisher, RethrowRpcErrorsFilter, type BatchResult, type IncomingBatch, type IncomingMessage } from '@stageplus/kafka';
import type { Logger } from 'pino';
import { DESTINATION_SENDERS, LOGGER, SERVICE_NAME } from '../bridge.tokens';
import type { BatchContext } from './alert-forwarder';
import { publishBridgeDeadLetters, type BridgeRefusal, type DeadLetterPublisher } from './bridge-dead-letters';
import type { DestinationSender } from './destination-sender';
import { parseSlaTopicEvent } from './sla-topic-event.parser';

/** What the handler asks of a destination: whether an event goes there, and to send it. */
export type ForwardingDestination = Pick<DestinationSender, 'destination' | 'decide' | 'send'>;

/** The `@EventPattern`s of the two SLA topics; the app maps them to the configured topics. */
export const FORWARD_ESCALATIONS = 'forward-escalations';
export const FORWARD_BREACHES = 'forward-breaches';

/**
 * One partition's batch of SLA events to the on-call destinations, in offset order: each event
 * goes to every destination whose route takes it (in parallel), and is delivered (or refused)
 * everywhere before the next: so one ticket's events reach each tool in the order the timer wrote
 * them, and the batch resolves (and its offsets are committed) only once every event in it is
 * delivered, refused or skipped. While a destination is down the batch waits, and so does its
 * partition. Refusals go to `<topic>.bridge.dlq` before the commit.
 */
@Controller()
@UseFilters(new RethrowRpcErrorsFilter())
export class ForwardAlertsHandler {
  constructor(
    @Inject(DESTINATION_SENDERS) private readonly senders: readonly ForwardingDestination[],
    @Inject(EventPublisher) private readonly publisher: DeadLetterPublisher,
    @Inject(LOGGER) private readonly logger: Pick<Logger, 'warn' | 'debug'>,
  ) {}

  @EventPattern(FORWARD_ESCALATIONS)
  escalations(@Payload() batch: IncomingBatch): Promise<BatchResult> {
    return this.forwardBatch(batch, 'escalations');
  }

  @EventPattern(FORWARD_BREACHES)
  breaches(@Payload() batch: IncomingBatch): Promise<BatchResult> {
    return this.forwardBatch(batch, 'breaches');
  }

  private async forwardBatch(batch: IncomingBatch, role: 'escalations' | 'breaches'): Promise<BatchResult> {
    const refusals: BridgeRefusal[] = [];
    for (const message of batch.messages) {
      const parsed = parseSlaTopicEvent(message.value);
      if (parsed.kind === 'invalid') {
        refusals.push({ message, code: parsed.code, detail: parsed.detail });
        continue;
      }
      if (parsed.kind === 'other-type') continue; // not an alert: nothing for the on-call tools
      refusals.push(...(await this.sendEverywhere(parsed.event, message, role, batch)));
    }
    await publishBridgeDeadLetters(this.publisher, SERVICE_NAME, refusals, new Date());
    for (const r of refusals) this.logger.warn({ topic: r.message.topic, partition: r.message.partition, offset: r.message.offset, reason: r.code }, `dead-lettered: ${r.detail}`);
    return { refused: [] };
  }

  private async sendEverywhere(event: SlaTopicEvent, message: IncomingMessage, role: 'escalations' | 'breaches', batch: BatchContext): Promise<BridgeRefusal[]> {
    const results = await Promise.all(
      this.senders.map(async (sender) => {
        const decision = sender.decide(event, role);
        if (!decision.forward) {
          this.logger.debug({ eventId: event.eventId, destination: sender.destination.name, why: decision.why }, 'not forwarded');
          return null;
        }
        const result = await sender.send(event, batch);
        if (result.kind !== 'rejected') return null;
        const detail = `${sender.destination.name} (${sender.destination.format}) refused ${event.eventId}: ${result.reason}`;
        return { message, code: 'BRIDGE.WEBHOOK_REJECTED', detail };
      }),
    );
    return results.filter((r) => r !== null);
  }
}
