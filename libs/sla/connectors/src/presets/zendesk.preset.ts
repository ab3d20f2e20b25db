import type { ConnectorMapping } from '../connector-mapping';

const TYPE = 'zen:event-type:ticket.';

/**
 * Zendesk event webhooks (`zen:event-type:ticket.*`, event version 2022-11-06): `detail` holds the
 * ticket, `event` the change (`previous`, `current`; `comment` for comments), `id` the event (kept
 * on retries), `time` the instant. Tickets without a priority count as normal. The response is a
 * public comment by staff other than the requester.
 */
export const ZENDESK_PRESET: ConnectorMapping = {
  source: 'zendesk',
  fields: {
    ticketId: '$string(detail.id)',
    occurredAt: 'time',
    deliveryId: 'id',
    actor: '$exists(event.comment.author.id) ? $string(event.comment.author.id) : $string(detail.actor_id)',
    status: `type = "${TYPE}status_changed" ? event.current : detail.status`,
    previousStatus: `type = "${TYPE}status_changed" ? event.previous`,
    priority: `type = "${TYPE}priority_changed" ? event.current : (detail.priority ? detail.priority : "normal")`,
    previousPriority: `type = "${TYPE}priority_changed" ? (event.previous ? event.previous : "normal")`,
    deliveryType: 'type',
  },
  rules: [
    { when: `type = "${TYPE}created"`, emit: 'opened' },
    { when: `type = "${TYPE}status_changed"`, emit: 'status' },
    { when: `type = "${TYPE}priority_changed"`, emit: 'priority' },
    {
      when: `type = "${TYPE}comment_added" and event.comment.is_public = true and event.comment.author.is_staff = true and $not($string(event.comment.author.id) = $string(detail.requester_id))`,
      emit: 'responded',
    },
  ],
  statuses: { new: 'new', open: 'in_progress', pending: 'pending_customer', hold: 'on_hold', solved: 'resolved', closed: 'closed', '*': 'in_progress' },
  priorities: { urgent: 'P1', high: 'P2', normal: 'P3', low: 'P4' },
  signature: {
    header: 'x-zendesk-webhook-signature',
    timestampHeader: 'x-zendesk-webhook-signature-timestamp',
    algorithm: 'sha256',
    encoding: 'base64',
    message: 'timestamp+body',
  },
};
