import type { ConnectorMapping } from '../connector-mapping';

/**
 * Zammad: a trigger's webhook sends the ticket as it stands (`ticket.state`, `ticket.priority` by
 * name) and the article of the change, if any, not what changed. So: the first article opens the
 * ticket; a later public article by an agent other than the customer is the response; every
 * other delivery restates status and priority (`state`), which the clocks absorb when unchanged.
 * A trigger whose name holds "reopen" (`X-Zammad-Trigger`) reopens. Retries keep `X-Zammad-Delivery`.
 */
export const ZAMMAD_PRESET: ConnectorMapping = {
  source: 'zammad',
  fields: {
    ticketId: '$string(ticket.number ? ticket.number : ticket.id)',
    occurredAt: '$exists(article.created_at) ? article.created_at : ticket.updated_at',
    deliveryId: '$headers."x-zammad-delivery"',
    actor:
      '$exists(article.created_by) ? ($type(article.created_by) = "object" ? article.created_by.login : article.created_by)' +
      ' : ($type(ticket.updated_by) = "object" ? ticket.updated_by.login : ticket.updated_by)',
    status: '$type(ticket.state) = "object" ? ticket.state.name : ticket.state',
    priority: '$type(ticket.priority) = "object" ? ticket.priority.name : ticket.priority',
    deliveryType: '"zammad trigger " & $headers."x-zammad-trigger"',
  },
  rules: [
    { when: 'ticket.article_count <= 1', emit: 'opened' },
    { when: '$contains($lowercase($string($headers."x-zammad-trigger")), "reopen")', emit: 'reopened' },
    {
      when: 'ticket.article_count > 1 and article.sender = "Agent" and article.internal = false and $not(article.created_by_id = ticket.customer_id)',
      emit: 'responded',
    },
    { when: 'ticket.article_count > 1', emit: 'state' },
  ],
  statuses: {
    new: 'new',
    open: 'in_progress',
    'pending reminder': 'pending_customer',
    'pending close': 'pending_customer',
    closed: 'closed',
    merged: 'closed',
    removed: 'closed',
    '*': 'in_progress',
  },
  priorities: { '3 high': 'P2', '2 normal': 'P3', '1 low': 'P4' },
  signature: { header: 'x-hub-signature', algorithm: 'sha1', encoding: 'hex', prefix: 'sha1=', message: 'body' },
};
