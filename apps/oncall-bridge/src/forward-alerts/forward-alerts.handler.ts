import { Controller, Inject, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { SlaTopicEvent } from '@stageplus/contracts';
import { RethrowRpcErrorsFilter, type BatchResult, type EventPublisher, type IncomingBatch } from '@stageplus/kafka';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../bridge.config';
import { ALERT_FORWARDER, BRIDGE_CONFIG, EVENT_PUBLISHER, LOGGER, SERVICE_NAME } from '../bridge.tokens';
import type { AlertDelivery, AlertForwarder } from './alert-forwarder';
import { alertmanagerPayload } from './alertmanager-payload';
import { publishBridgeDeadLetters, type BridgeRefusal } from './bridge-dead-letters';
import { alertOrder, forwardDecision } from './on-call-alert';
import { pagerDutyEvent } from './pagerduty-event';
import { parseSlaTopicEvent } from './sla-topic-event.parser';

/** The `@EventPattern`s of the two SLA topics; the app maps them to the configured topics. */
export const FORWARD_ESCALATIONS = 'forward-escalations';
export const FORWARD_BREACHES = 'forward-breaches';

/**
 * One partition's batch of SLA events to the on-call webhook, in offset order, one POST per
 * event, each delivered (or refused) before the next: so one ticket's events reach the tool in
 * the order the timer wrote them, and the batch resolves (and its offsets are committed) only
 * once every event in it is delivered, refused or skipped. While the webhook is down the batch
 * waits, and so does its partition. Refusals go to `<topic>.bridge.dlq` before the commit.
 */
@Controller()
@UseFilters(new RethrowRpcErrorsFilter())
export class ForwardAlertsHandler {
  constructor(
    @Inject(BRIDGE_CONFIG) private readonly config: BridgeConfig,
    @Inject(ALERT_FORWARDER) private readonly forwarder: AlertForwarder,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
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
      if (parsed.kind === 'other-type') continue; // not an alert: nothing for the on-call tool
      const decision = forwardDecision(parsed.event, role, this.config);
      if (!decision.forward) {
        this.logger.debug({ eventId: parsed.event.eventId, why: decision.why }, 'not forwarded');
        continue;
      }
      const result = await this.forwarder.forward(this.deliveryOf(parsed.event), batch);
      if (result.kind === 'rejected') refusals.push({ message, code: 'BRIDGE.WEBHOOK_REJECTED', detail: `the webhook refused ${parsed.event.eventId}: ${result.reason}` });
    }
    await publishBridgeDeadLetters(this.publisher, SERVICE_NAME, refusals, new Date());
    for (const r of refusals) this.logger.warn({ topic: r.message.topic, partition: r.message.partition, offset: r.message.offset, reason: r.code }, `dead-lettered: ${r.detail}`);
    return { refused: [] };
  }

  private deliveryOf(event: SlaTopicEvent): AlertDelivery {
    const { format, receiver, externalUrl, routingKey } = this.config;
    const body =
      format === 'alertmanager' ? alertmanagerPayload(event, { receiver, externalUrl }) : pagerDutyEvent(event, { routingKey: routingKey ?? '', externalUrl });
    return { alertKey: event.alertKey, eventId: event.eventId, order: alertOrder(event), body };
  }
}
