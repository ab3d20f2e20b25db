import type { SlaTopicEvent } from '@stageplus/contracts';
import type { BridgeDestination } from '../destinations/bridge-destination';
import type { AlertDelivery, AlertForwarder, BatchContext, ForwardResult } from './alert-forwarder';
import type { ActiveAlertStore } from './alertmanager-api/active-alerts';
import { alertTransition, type ActiveAlert } from './alertmanager-api/postable-alerts';
import { alertmanagerPayload } from './alertmanager-payload';
import { alertOrder, forwardDecision, type AlertLinks, type ForwardDecision } from './on-call-alert';
import { pagerDutyEvent } from './pagerduty-event';

/**
 * One destination of the bridge: which events it takes (its route), the body of each in its
 * format, and its own forwarder (ledger, retries, readiness). An `alertmanager-api` destination
 * also keeps its firing alerts in its active set, for the re-sender.
 */
export class DestinationSender {
  constructor(
    readonly destination: BridgeDestination,
    readonly forwarder: AlertForwarder,
    private readonly links: AlertLinks,
    private readonly active: ActiveAlertStore | null,
  ) {}

  decide(event: SlaTopicEvent, topicRole: 'escalations' | 'breaches'): ForwardDecision {
    return forwardDecision(event, topicRole, this.destination.route);
  }

  async send(event: SlaTopicEvent, batch: BatchContext): Promise<ForwardResult> {
    const result = await this.forwarder.forward(this.deliveryOf(event), batch);
    // A refused clear still ends the clock's alert: re-sending it would keep it firing for ever.
    if (result.kind === 'rejected' && event.type === 'sla.cleared') await this.active?.remove(event.alertKey);
    return result;
  }

  private deliveryOf(event: SlaTopicEvent): AlertDelivery {
    const base = { alertKey: event.alertKey, eventId: event.eventId, order: alertOrder(event) };
    const d = this.destination;
    switch (d.format) {
      case 'alertmanager':
        return { ...base, body: () => alertmanagerPayload(event, { receiver: d.receiver, externalUrl: this.links.sla }) };
      case 'pagerduty':
        return { ...base, body: () => pagerDutyEvent(event, { routingKey: d.routingKey, externalUrl: this.links.sla }) };
      case 'alertmanager-api':
        return this.postableDelivery(event, base);
    }
  }

  /** Read under the alert's claim: what is posted depends on the label set that is firing now. */
  private postableDelivery(event: SlaTopicEvent, base: Omit<AlertDelivery, 'body'>): AlertDelivery {
    const store = this.active;
    if (store === null) throw new Error('an alertmanager-api destination needs its active set');
    let next: ActiveAlert | null = null;
    return {
      ...base,
      body: async () => {
        const transition = alertTransition(event, await store.get(event.alertKey), this.links);
        next = transition.next;
        return transition.alerts;
      },
      afterDelivery: () => (next === null ? store.remove(event.alertKey) : store.put(event.alertKey, next)),
    };
  }
}
