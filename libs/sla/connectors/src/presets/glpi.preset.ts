import type { ConnectorMapping } from '../connector-mapping';

const IS_FOLLOWUP = '$exists(item.items_id)';

/**
 * GLPI 10/11 webhooks: `{event: new|update|delete, item}` for a Ticket or an ITILFollowup, the
 * item as GLPI's API gives it (status, priority as numbers or `{id, name}`), dates local
 * `Y-m-d H:i:s` in the establishment's zone. An update restates status and priority (`state`);
 * a public followup by someone other than the requester is the response. GLPI's payload does not
 * say a ticket came back from Solved: a webhook that sends the custom header `X-SLA-Event:
 * reopened` reopens. The signature: hex HMAC-SHA256 of the body then `X-GLPI-timestamp`.
 */
export const GLPI_PRESET: ConnectorMapping = {
  source: 'glpi',
  fields: {
    ticketId: `$string(${IS_FOLLOWUP} ? item.items_id : item.id)`,
    occurredAt: 'item.date_mod ? item.date_mod : (item.date_creation ? item.date_creation : item.date)',
    actor: '$type(item.user) = "object" ? $string(item.user.id) : $string(item.users_id ? item.users_id : item.users_id_lastupdater)',
    status: '$type(item.status) = "object" ? item.status.id : item.status',
    priority: '$type(item.priority) = "object" ? item.priority.id : item.priority',
    deliveryType: `"glpi " & event & (${IS_FOLLOWUP} ? " followup" : " ticket")`,
  },
  rules: [
    { when: `event = "new" and $not(${IS_FOLLOWUP})`, emit: 'opened' },
    { when: '$lowercase($string($headers."x-sla-event")) = "reopened"', emit: 'reopened' },
    {
      when: `event = "new" and ${IS_FOLLOWUP} and $not(item.is_private = true or item.is_private = 1) and $not($string(item.users_id) = $string(parent_item.users_id_recipient))`,
      emit: 'responded',
    },
    { when: `event = "update" and $not(${IS_FOLLOWUP})`, emit: 'state' },
  ],
  statuses: { '1': 'new', '2': 'in_progress', '3': 'in_progress', '4': 'pending_customer', '5': 'resolved', '6': 'closed' },
  priorities: { '6': 'P1', '5': 'P1', '4': 'P2', '3': 'P3', '2': 'P4', '1': 'P4' },
  signature: {
    header: 'x-glpi-signature',
    timestampHeader: 'x-glpi-timestamp',
    algorithm: 'sha256',
    encoding: 'hex',
    message: 'body+timestamp',
  },
};
